"""What the rota's files read of a day of the rota: the shape, not the services' class
(nor reports.content.RotaDay, the printouts' day).

The services' `DayView` (services/roster_service.py) has these members; the writers in
roster_xlsx.py, roster_csv.py and roster_ics.py take any day that has them, so they know
nothing of the services that build the days.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from dutyroom.domain.calendar import DayInfo
from dutyroom.domain.roster import Seat


class DutyPerson(Protocol):
    """The person in a seat."""

    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def mobile(self) -> str: ...


class DutyDay(Protocol):
    """One day: its kind, its sensitive periods, who holds which seat."""

    @property
    def info(self) -> DayInfo: ...

    @property
    def periods(self) -> tuple[str, ...]: ...

    @property
    def slots(self) -> Mapping[Seat, DutyPerson]: ...

    def shown(self) -> list[Seat]:
        """The seats to show, in order: those needed and any other one somebody holds."""
        ...
