"""Every window live: what another window (or desk) changed, as the pages understand it.

The database layer hears of changes (db/change_feed.py: LISTEN/NOTIFY on a server,
PRAGMA data_version on a file); this turns the tables it names into `Changes`, so each
window refreshes the pages that show them and rebuilds its alert schedule.
"""

from __future__ import annotations

from dataclasses import fields

from sqlalchemy.engine import URL

from dutyroom.db import change_feed
from dutyroom.db.engine import sqlite_path
from dutyroom.services.uow import Changes

# What each table's rows appear on, for a change another window made. A table not named
# here (one a later schema adds) refreshes everything: a page too many, never one too few.
_TABLE_CHANGES: dict[str, Changes] = {
    **dict.fromkeys(("staff", "leaves"), Changes(staff=True, roster=True)),
    "departments": Changes(departments=True),
    **dict.fromkeys(("settings", "users", "desk_identity"), Changes(settings=True)),
    **dict.fromkeys(("calendar_days", "sensitive_periods", "duty_days", "duty_assignments",
                     "roster_changes"), Changes(roster=True)),
    **dict.fromkeys(("incidents", "dispatches", "dispatch_feedback", "upward_reports",
                     "duty_tasks"), Changes(incidents=True, clock=True)),
    "register_entries": Changes(register=True),
    **dict.fromkeys(("checkins", "spot_checks", "alert_acks"), Changes(clock=True)),
    "handovers": Changes(handover=True),
    "resources": Changes(resources=True),
    **dict.fromkeys(("instructions", "instruction_feedback"),
                    Changes(clock=True, incidents=True, register=True, warnings=True)),
    **dict.fromkeys(("audit_entries", "field_packages", "field_baselines", "field_merges",
                     "field_exports", "field_export_entries", "field_line_hashes"), Changes()),
}
EVERYTHING = Changes(**{f.name: True for f in fields(Changes)})


def changes_in(tables: set[str]) -> Changes:
    """What a change to `tables` (named by another window's notification) means for pages."""
    found = Changes()
    for table in tables:
        found = found | _TABLE_CHANGES.get(table, EVERYTHING)
    return found




class ChangeWatch:
    """Another process's committed changes to one database, waited for on one thread."""

    def __init__(self, url: URL, *, own_too: bool = False) -> None:
        """`own_too`: also this process's changes (a window hears only the others')."""
        path = sqlite_path(url)
        self._source: change_feed.ServerListener | change_feed.FileWatcher = (
            change_feed.FileWatcher(path) if path is not None
            else change_feed.ServerListener(url, None if own_too else change_feed.ORIGIN))

    def wait(self, timeout: float) -> Changes:
        """What changed within `timeout` seconds (a file is only looked at, not waited on)."""
        return changes_in(self._source.wait(timeout))

    def close(self) -> None:
        self._source.close()
