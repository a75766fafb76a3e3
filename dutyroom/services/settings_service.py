"""Reading and saving desk settings through the typed registry in domain/settings.py, and
the desk's typed snapshot (`DeskSettings`) every use case reads its rules and zone from."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dutyroom.db import audit
from dutyroom.db.models import Setting
from dutyroom.domain import duty_clock, warnings
from dutyroom.domain import settings as registry
from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.errors import FieldError
from dutyroom.domain.roles import Permission
from dutyroom.services.errors import InputError, Problem
from dutyroom.services.uow import Changes, Outcome, UnitOfWork

ENTITY = "setting"  # one entry per key changed, holding its whole row


def _stored(session: Session) -> dict[str, Any]:
    return {row.key: json.loads(row.value) for row in session.scalars(select(Setting))}


def load_settings_in(session: Session) -> dict[str, Any]:
    return registry.resolve(_stored(session))


# The desk's rule snapshot every use case reads its rules and zone from: the typed settings
# with their views (`rules`, `clock`, `zone`, ...), domain/desk_settings.py.
Desk = DeskSettings


def desk(session: Session) -> DeskSettings:
    """The desk's settings snapshot, inside the caller's transaction."""
    return DeskSettings.of(load_settings_in(session))


def snapshot(uow: UnitOfWork) -> DeskSettings:
    """The desk's settings, typed, for a window or a command to read them by attribute."""
    with uow.read() as session:
        return desk(session)


def load_settings(uow: UnitOfWork) -> dict[str, Any]:
    """Every setting by name, for what is keyed by the registry itself (the settings form,
    a command printing them all); everything else reads `snapshot`."""
    with uow.read() as session:
        return load_settings_in(session)


def write_settings(session: Session, values: Mapping[str, Any], actor: str) -> bool:
    """Validate every value first, then store those that differ; return whether any did."""
    problems: list[Problem] = []
    parsed: dict[str, Any] = {}
    for key, raw in values.items():
        try:
            parsed[key] = registry.definition(key).parse(raw)
        except FieldError as error:
            problems.append(Problem(error.message, field=error.field))
    if problems:
        raise InputError(problems)
    current = load_settings_in(session)
    whole = {**current, **parsed}
    problems = [Problem(e.message, field=e.field)
                for e in [*duty_clock.check_settings(whole), *warnings.check_type_roles(whole)]]
    if problems:
        raise InputError(problems)
    changed = {k: v for k, v in parsed.items() if current[k] != v}
    for key, value in changed.items():
        row = session.get(Setting, key)
        if row is None:
            row = Setting(key=key, value=json.dumps(value), updated_by=actor)
            session.add(row)
        else:
            row.value, row.updated_by = json.dumps(value), actor
        session.flush()  # (records.audit_change, which imports this module through conflicts)
        audit.append(session, actor=actor, entity=ENTITY, entity_id=key, action="update",
                     payload=row.snapshot())
    return bool(changed)


def save_settings(uow: UnitOfWork, values: Mapping[str, Any]) -> Outcome[dict[str, Any]]:
    with uow.write(Permission.SETTINGS) as session:
        changed = write_settings(session, values, uow.actor)
        return Outcome(load_settings_in(session), Changes(settings=changed))
