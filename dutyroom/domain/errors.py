"""The one error type the rules raise, so every layer above can name the offending field."""

from __future__ import annotations


class FieldError(ValueError):
    """A value a person typed or imported breaks a rule.

    `field` is the stable key (e.g. ``mobile``); `message` is the Chinese sentence a duty
    officer reads. Importers add the file, row and column around it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
