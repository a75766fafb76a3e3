"""What an office head is judged on (信息报送考核), counted from the period's plain facts:
reports upward on time or late per stage and level, 漏报, dispatch arrivals per department,
check-ins per person, presence prompts, spot checks, warnings relayed within the limit.

Every count is a rule a duty officer could state in a sentence, so each lives here as one
small function over plain facts; the service only gathers the facts. A deadline that has not
come due by `as_of` is not counted at all (not yet due is neither on time nor late).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from dutyroom.domain.errors import FieldError
from dutyroom.domain.instructions import PeriodCounts, TaskTimes, count_in_period
from dutyroom.domain.text import sentence

MAX_DAYS = 366 * 10 + 3  # ten years: the longest period a desk keeps and may ask about


# --- the facts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportDue:
    """One report deadline of an incident received in the period."""

    incident_id: int
    kind: str  # phone_report / written_report / update_report / final_report
    level: str  # I / II / III / IV / unrated (the level the incident has now)
    due: datetime
    met_at: datetime | None  # when the report meeting it was sent
    closed: bool  # the incident is closed


@dataclass(frozen=True)
class ArrivalDue:
    """A dispatch ordered in the period: the department must be on site by `due`."""

    department: str
    due: datetime
    arrived_at: datetime | None


@dataclass(frozen=True)
class SignInDue:
    """A seat that had to sign in (接班签到) on a duty day of the period."""

    day: date
    person: str  # rostered ("" when the seat was not filled)
    due: datetime
    signed_at: datetime | None


@dataclass(frozen=True)
class PromptDue:
    """A presence prompt (在岗确认) of the period."""

    due: datetime
    confirmed_at: datetime | None


@dataclass(frozen=True)
class SpotCheck:
    within_rule: bool  # answered within three rings
    outcome: str  # ok / no_answer / absent / unreachable / other


@dataclass(frozen=True)
class PeriodFacts:
    first: date
    last: date
    as_of: datetime
    reports: Sequence[ReportDue] = ()
    # The same, counted by the database (the service's path); both may be given.
    report_groups: Sequence[ReportGroup] = ()
    missing_from_groups: int = 0  # incidents of report_groups closed without a due report
    arrivals: Sequence[ArrivalDue] = ()
    sign_ins: Sequence[SignInDue] = ()
    prompts: Sequence[PromptDue] = ()
    spot_checks: Sequence[SpotCheck] = ()
    duties: Sequence[str] = ()  # one name per rostered seat-day of the period
    incidents_by_month: Sequence[tuple[str, str]] = ()  # (YYYY-MM, category) per incident
    incident_counts: Sequence[tuple[str, str, int]] = ()  # (YYYY-MM, category, n), counted
    warnings: WarningStats | None = None  # counted by the database (see warning_stats)
    instructions: Sequence[TaskTimes] = ()  # 领导批示 given in the period


# --- the counts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    """Deadlines that came due: met in time, met late, or still not met."""

    due: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0  # passed with nothing sent, the incident still open
    missing: int = 0  # passed with nothing sent, the incident closed without it (漏报)

    @property
    def rate(self) -> float | None:
        """The on-time rate, or None when nothing came due."""
        return self.on_time / self.due if self.due else None

    def as_dict(self) -> dict[str, int]:
        return {"due": self.due, "on_time": self.on_time, "late": self.late,
                "overdue": self.overdue, "missing": self.missing}

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.due + other.due, self.on_time + other.on_time, self.late + other.late,
                     self.overdue + other.overdue, self.missing + other.missing)


def report_standing(due: datetime, met_at: datetime | None, closed: bool, as_of: datetime
                    ) -> str | None:
    """Where one report deadline stands at `as_of` (the field of Tally it counts in): met by
    its due time (on_time) or after it (late); passed with nothing sent, the incident still
    open (overdue) or closed without it (missing, 漏报); None while it is not yet due and
    nothing was sent. The service counts the same rule in SQL over the kept deadlines;
    this is its statement and its test's oracle."""
    if met_at is not None and met_at <= as_of:
        return "on_time" if met_at <= due else "late"
    if due > as_of:
        return None
    return "missing" if closed else "overdue"


def tally(items: Iterable[ReportDue], as_of: datetime) -> Tally:
    standings = Counter(report_standing(i.due, i.met_at, i.closed, as_of) for i in items)
    return Tally(sum(n for s, n in standings.items() if s is not None), standings["on_time"],
                 standings["late"], standings["overdue"], standings["missing"])


@dataclass(frozen=True)
class ReportGroup:
    """The deadlines of one kind, incident level and month of their due time, counted
    (a row of the service's aggregate query; a group may count nothing yet due)."""

    kind: str
    level: str
    month: str  # YYYY-MM
    tally: Tally


def report_groups(items: Iterable[ReportDue], as_of: datetime) -> list[ReportGroup]:
    """Deadlines given one by one, grouped as the service's query groups them (the month of
    the due time as the datetime carries it)."""
    grouped: dict[tuple[str, str, str], list[ReportDue]] = {}
    for r in items:
        grouped.setdefault((r.kind, r.level, f"{r.due:%Y-%m}"), []).append(r)
    return [ReportGroup(kind, level, month, tally(found, as_of))
            for (kind, level, month), found in grouped.items()]


def _summed(groups: Iterable[ReportGroup], key: Callable[[ReportGroup], str]) -> dict[str, Tally]:
    found: dict[str, Tally] = {}
    for g in groups:
        found[key(g)] = found.get(key(g), Tally()) + g.tally
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class ArrivalTally:
    department: str
    due: int
    on_time: int
    late: int
    not_arrived: int

    @property
    def rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


def arrivals(items: Iterable[ArrivalDue], as_of: datetime, department: str = "") -> ArrivalTally:
    due = on_time = late = not_arrived = 0
    for item in items:
        if item.arrived_at is not None and item.arrived_at <= as_of:
            due += 1
            if item.arrived_at <= item.due:
                on_time += 1
            else:
                late += 1
        elif item.due <= as_of:
            due += 1
            not_arrived += 1
    return ArrivalTally(department, due, on_time, late, not_arrived)


@dataclass(frozen=True)
class ClockTally:
    """Sign-ins or presence prompts that came due."""

    due: int = 0
    on_time: int = 0
    late: int = 0
    missed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"due": self.due, "on_time": self.on_time, "late": self.late, "missed": self.missed}


def clock_tally(items: Iterable[tuple[datetime, datetime | None]], as_of: datetime) -> ClockTally:
    """(due, done at) pairs: done by the due time, done after it, or not done when due."""
    due = on_time = late = missed = 0
    for deadline, done in items:
        if done is not None and done <= as_of:
            due += 1
            on_time, late = (on_time + 1, late) if done <= deadline else (on_time, late + 1)
        elif deadline <= as_of:
            due += 1
            missed += 1
    return ClockTally(due, on_time, late, missed)


@dataclass(frozen=True)
class PersonTally:
    name: str
    duties: int
    sign_ins: ClockTally


@dataclass(frozen=True)
class RelayTally:
    """People on warning lists (叫应名单), each counted once by where they stand at `as_of`:
    answered by the notice's relay deadline (in time), answered after it (late), not
    answered when the deadline passed (never reached, the 未叫醒), or not answered with the
    deadline still ahead (pending, counted in neither rate). An answer by the AB角 counts.
    Someone whose notice was cancelled or replaced before their deadline came, and who had
    not answered by then, is not counted at all (relay_standing's "not_needed")."""

    to_reach: int = 0
    in_time: int = 0
    late: int = 0
    never: int = 0
    pending: int = 0

    @property
    def due(self) -> int:
        return self.in_time + self.late + self.never

    @property
    def completion_rate(self) -> float | None:
        """叫应完成率: reached at all, of those whose deadline came."""
        return (self.in_time + self.late) / self.due if self.due else None

    @property
    def on_time_rate(self) -> float | None:
        """Reached within the relay deadline, of those whose deadline came."""
        return self.in_time / self.due if self.due else None

    def __add__(self, other: RelayTally) -> RelayTally:
        return RelayTally(self.to_reach + other.to_reach, self.in_time + other.in_time,
                          self.late + other.late, self.never + other.never,
                          self.pending + other.pending)

    def as_dict(self) -> dict[str, int | float | None]:
        def rounded(rate: float | None) -> float | None:
            return None if rate is None else round(rate, 4)

        return {"to_reach": self.to_reach, "in_time": self.in_time, "late": self.late,
                "never": self.never, "pending": self.pending,
                "completion_rate": rounded(self.completion_rate),
                "on_time_rate": rounded(self.on_time_rate)}


def relay_standing(due: datetime, answered_at: datetime | None, as_of: datetime,
                   ended: datetime | None = None) -> str:
    """Where one person on a list stands at `as_of` (the field of RelayTally it counts in).
    `ended`: when the notice's relay ended by `as_of` (a 解除 or a later notice received,
    or its validity over), if it did. A person not reached when the relay ended before
    their deadline was no longer to be reached ("not_needed", the board's 不需要): not a
    未叫醒, and not on the period's 应叫应 either (a later notice lists them again). The
    service counts the same rule in SQL; this is its statement and its test's oracle."""
    if answered_at is not None and answered_at <= as_of:
        return "in_time" if answered_at <= due else "late"
    if ended is not None and ended <= as_of and ended < due:
        return "not_needed"
    return "never" if due <= as_of else "pending"


@dataclass(frozen=True)
class RelayGroup:
    """A count of the people on the lists of one colour in one village (a row of the
    service's aggregate query)."""

    colour: str
    village: str
    tally: RelayTally


@dataclass(frozen=True)
class WarningStats:
    """Warnings received in the period (预警) and how their relay went (叫应)."""

    received: int = 0  # notices to relay (first notices and later ones), cancellations apart
    cancelled: int = 0  # 解除 notices
    by_colour: dict[str, int] = field(default_factory=dict)  # received, by colour
    relay: RelayTally = RelayTally()
    relay_by_colour: dict[str, RelayTally] = field(default_factory=dict)
    by_village: tuple[tuple[str, RelayTally], ...] = ()
    with_list: int = 0  # notices that had people to reach
    complete: int = 0  # of those, every person answered (有叫有应)

    def as_dict(self) -> dict[str, object]:
        return {"received": self.received, "cancelled": self.cancelled,
                "by_colour": dict(self.by_colour), **self.relay.as_dict(),
                "notices_with_list": self.with_list, "notices_complete": self.complete,
                "by_colour_relay": {k: v.as_dict() for k, v in self.relay_by_colour.items()},
                "by_village": [{"village": v, **t.as_dict()} for v, t in self.by_village]}


COLOUR_ORDER = ("red", "orange", "yellow", "blue")


def warning_stats(notices: Iterable[tuple[str, str, int]], groups: Iterable[RelayGroup],
                  village_order: Sequence[str], with_list: int, complete: int) -> WarningStats:
    """The period's warning figures from counted rows: notices as (action, colour, n) and
    the relay counted per colour and village; villages in the desk's order, then others."""
    by_colour: Counter[str] = Counter()
    cancelled = 0
    for action, colour, n in notices:
        if action == "cancel":
            cancelled += n
        else:
            by_colour[colour] += n
    per_colour: dict[str, RelayTally] = {}
    per_village: dict[str, RelayTally] = {}
    total = RelayTally()
    for g in groups:
        per_colour[g.colour] = per_colour.get(g.colour, RelayTally()) + g.tally
        per_village[g.village] = per_village.get(g.village, RelayTally()) + g.tally
        total = total + g.tally
    rank = {v: i for i, v in enumerate(village_order)}
    villages = tuple(sorted(per_village.items(), key=lambda i: (rank.get(i[0], len(rank)), i[0])))
    ordered = {c: by_colour[c] for c in COLOUR_ORDER if by_colour[c]}
    return WarningStats(sum(by_colour.values()), cancelled, ordered, total,
                        {c: per_colour[c] for c in COLOUR_ORDER if c in per_colour}, villages,
                        with_list, complete)


@dataclass(frozen=True)
class Statistics:
    first: date
    last: date
    as_of: datetime
    reports: Tally
    by_stage: dict[str, Tally]
    by_level: dict[str, Tally]
    missing_incidents: int  # closed incidents lacking a required report (漏报)
    dispatch: ArrivalTally
    by_department: tuple[ArrivalTally, ...]
    sign_ins: ClockTally
    presence: ClockTally
    spot_checks: int
    spot_within_rule: int
    spot_outcomes: dict[str, int]
    people: tuple[PersonTally, ...]
    incidents_by_month: dict[str, dict[str, int]] = field(default_factory=dict)  # month → category → n
    on_time_by_month: dict[str, Tally] = field(default_factory=dict)  # month of the deadline
    warnings: WarningStats = WarningStats()
    instructions: PeriodCounts = field(default_factory=PeriodCounts)  # 领导批示 督办


def compute(facts: PeriodFacts) -> Statistics:
    as_of = facts.as_of
    groups = [*facts.report_groups, *report_groups(facts.reports, as_of)]
    missing = {r.incident_id for r in facts.reports
               if report_standing(r.due, r.met_at, r.closed, as_of) == "missing"}
    departments: dict[str, list[ArrivalDue]] = {}
    for a in facts.arrivals:
        departments.setdefault(a.department, []).append(a)
    by_department = tuple(sorted((arrivals(items, as_of, name) for name, items in departments.items()),
                                 key=lambda t: (-t.due, t.department)))
    duties = Counter(facts.duties)
    signed: dict[str, list[SignInDue]] = {}
    for s in facts.sign_ins:
        if s.person:
            signed.setdefault(s.person, []).append(s)
    people = tuple(PersonTally(name, duties.get(name, 0),
                               clock_tally(((s.due, s.signed_at) for s in signed.get(name, [])), as_of))
                   for name in sorted(set(duties) | set(signed), key=lambda n: (-duties.get(n, 0), n)))
    per_month: dict[str, dict[str, int]] = {}
    for month, category, n in (*((m, c, 1) for m, c in facts.incidents_by_month),
                               *facts.incident_counts):
        per_month.setdefault(month, {})
        per_month[month][category] = per_month[month].get(category, 0) + n
    return Statistics(
        first=facts.first, last=facts.last, as_of=as_of,
        reports=sum((g.tally for g in groups), Tally()),
        by_stage=_summed(groups, lambda g: g.kind),
        by_level=_summed(groups, lambda g: g.level),
        missing_incidents=len(missing) + facts.missing_from_groups,
        dispatch=arrivals(facts.arrivals, as_of), by_department=by_department,
        sign_ins=clock_tally(((s.due, s.signed_at) for s in facts.sign_ins), as_of),
        presence=clock_tally(((p.due, p.confirmed_at) for p in facts.prompts), as_of),
        spot_checks=len(facts.spot_checks),
        spot_within_rule=sum(1 for s in facts.spot_checks if s.within_rule and s.outcome == "ok"),
        spot_outcomes=dict(sorted(Counter(s.outcome for s in facts.spot_checks).items())),
        people=people, incidents_by_month=dict(sorted(per_month.items())),
        on_time_by_month=_summed(groups, lambda g: g.month),
        warnings=facts.warnings or WarningStats(),
        instructions=count_in_period(facts.instructions, as_of),
    )


def check_period(first: date, last: date) -> None:
    """A period is read from its first to its last day, both included."""
    if last < first:
        raise FieldError("to", sentence("结束日期 {0:%Y-%m-%d} 早于开始日期 {1:%Y-%m-%d}", last, first))
    if (last - first).days >= MAX_DAYS:
        raise FieldError("to", sentence("统计期间最长十年"))


RELAY_HEADERS = ("应叫应（人次）", "时限内应答", "超时应答", "未叫醒", "时限未到", "叫应完成率",
                 "时限内叫应率")


def relay_row(label: str, t: RelayTally) -> list[str | int]:
    """One line of the 预警叫应 table, as the workbook and the printed report show it."""
    return [label, t.to_reach, t.in_time, t.late, t.never, t.pending, rate_text(t.completion_rate),
            rate_text(t.on_time_rate)]


def rate_text(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"
