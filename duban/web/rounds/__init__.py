"""Reporting rounds: the office opens a period, units write and submit, the office reviews and
closes. The rows are plans.Period and plans.Report; this app holds the behaviour."""
