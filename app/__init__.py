"""Turnero's core: domain rules, settings and (later) the sync client. No Qt, no FastAPI."""

__version__ = "0.1.0"
