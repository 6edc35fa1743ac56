"""Audit events: who did what, when, with the object's state before and after."""
