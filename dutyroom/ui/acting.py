"""Who is at the keyboard, for the pages: one place holds the unit of work of the person
logged in, and only the main window (the composition root) swaps it, at lock and unlock.

A page reads `self.uow` each time it starts an operation, so after an unlock it acts as
the new person, and the operation keeps the unit of work it was started with (a save
queued before the lock finishes as the person who queued it). Units of work are frozen
(services/uow.py); swapping one is a single reference assignment on the UI thread, so the
worker thread sees the old one or the new one, never a mix.
"""

from __future__ import annotations

from dutyroom.services.uow import UnitOfWork


class Acting:
    """The current unit of work; `swap` belongs to the composition root."""

    __slots__ = ("_uow",)

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    @classmethod
    def of(cls, source: Acting | UnitOfWork) -> Acting:
        """A page given one unit of work (a test, a dialog's own page) acts as it for life."""
        return source if isinstance(source, Acting) else cls(source)

    @property
    def uow(self) -> UnitOfWork:
        return self._uow

    def swap(self, uow: UnitOfWork) -> None:
        self._uow = uow


class ActsForDesk:
    """Mixin for a widget that starts operations: `uow` is always the current one.

    Read it on the UI thread when starting an operation (pass it to the runner, or bind it
    to a local before a lambda), never inside work running on the worker thread."""

    acting: Acting

    @property
    def uow(self) -> UnitOfWork:
        return self.acting.uow
