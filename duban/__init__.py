"""duban (督办): follow-up of a local government's annual work-report targets."""

__version__ = "0.1.0"
