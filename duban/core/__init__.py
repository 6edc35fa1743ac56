"""The pure-Python core: model, importers, indicators, judgement and renderers.

Nothing under this package may import Django (tests/core/test_core_is_pure.py checks).
"""
