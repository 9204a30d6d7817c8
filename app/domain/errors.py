"""Errors that name the field at fault, so every layer can say what was wrong."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken. `field` names the input at fault; `code` is stable for machines."""

    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.field!r}, {self.code!r}, {self.message!r})"


class InvalidValueError(DomainError):
    """The value itself is not acceptable (wrong format, out of range)."""


class ConflictError(DomainError):
    """The value is fine but clashes with what exists (slot taken, transition not allowed)."""
