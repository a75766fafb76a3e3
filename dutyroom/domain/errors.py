"""The one error type the rules raise, so every layer above can name the offending field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


class FieldError(ValueError):
    """A value a person typed or imported breaks a rule.

    `field` is the stable key (e.g. ``mobile``); `message` is the Chinese sentence a duty
    officer reads. Importers add the file, row and column around it.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def gather(checks: Mapping[str, Callable[[], Any]]) -> tuple[dict[str, Any], list[FieldError]]:
    """Every check run, each field's value kept and each refusal collected, so a form or an
    import preview names all that is wrong with a record at once, not the first only."""
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    for key, check in checks.items():
        try:
            values[key] = check()
        except FieldError as error:
            errors.append(error)
    return values, errors
