"""When wrong passwords lock a login name, what the audit keeps of them, and how long is left.

One rule holds for every name typed at the login, whether an account has it or not: the
same failures lock it for the same time with the same message. Otherwise the answer itself
would tell a stranger which names are accounts. Failures further apart than a streak's
window start counting again, so what is remembered about a name that is no account can be
forgotten after that window without changing anything anyone can see.

The audit chain keeps the turning points of a streak (its first failure, the lockout, the
first attempt while locked), not every attempt: a script hammering the login cannot grow
the chain without bound, and the lockout entry still says how many attempts it took.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum

from dutyroom.domain.text import Text, sentence

# Guessing at a desk login is slowed, not stopped for long: the next shift must get in.
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=5)
# Failures of one name further apart than this are a new streak (a typo this morning and
# another this afternoon do not add up to a lockout).
STREAK = timedelta(minutes=15)
# Names that are no active account: at most this many turning points per lockout window
# reach the audit chain, then one entry saying the rest were only counted.
UNKNOWN_AUDITS_PER_WINDOW = 20


class Event(Enum):
    """What one refused attempt was, for the audit."""

    FIRST_FAILURE = "login_failed"  # the first wrong password of a streak
    FAILURE = "login_failed_n"  # counted, not audited on its own
    LOCKED_OUT = "login_locked"  # this failure locked the name
    REFUSED_FIRST = "login_refused"  # the first attempt while locked
    REFUSED = "login_refused_n"  # counted, not audited on its own

    @property
    def audited(self) -> bool:
        return self in (Event.FIRST_FAILURE, Event.LOCKED_OUT, Event.REFUSED_FIRST)


@dataclass(frozen=True)
class Attempts:
    """What is remembered about one login name between attempts."""

    failures: int = 0
    first_failed_at: datetime | None = None
    locked_until: datetime | None = None
    refused: int = 0  # attempts while locked

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now

    def stale(self, now: datetime) -> bool:
        """Nothing here can change a later answer: no lock, and no streak still running."""
        if self.locked(now):
            return False
        if self.locked_until is not None:  # a lock that has ended starts afresh
            return True
        return self.first_failed_at is None or now - self.first_failed_at > STREAK

    def refuse(self) -> tuple[Attempts, Event]:
        """An attempt while locked: refused without looking at the password."""
        event = Event.REFUSED if self.refused else Event.REFUSED_FIRST
        return replace(self, refused=self.refused + 1), event

    def fail(self, now: datetime) -> tuple[Attempts, Event]:
        """A wrong password (or a name that is no account) when not locked."""
        if self.stale(now):
            return Attempts(1, now), Event.FIRST_FAILURE
        failures = self.failures + 1
        if failures >= MAX_FAILED_LOGINS:
            return Attempts(failures, self.first_failed_at, now + LOCKOUT), Event.LOCKED_OUT
        return replace(self, failures=failures, refused=0), Event.FAILURE


def wait_words(remaining: timedelta) -> Text:
    """How long until a lock ends, true to the second and never short: rounded up to
    the next whole second, so whoever waits that long finds the name open again."""
    seconds = max(1, math.ceil(remaining.total_seconds()))
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return sentence("{0} 秒", rest)
    if not rest:
        return sentence("{0} 分钟", minutes)
    return sentence("{0} 分 {1} 秒", minutes, rest)


def locked_message(attempts: Attempts, now: datetime) -> Text:
    """The refusal while a name is locked, the same for an account and for any other name."""
    assert attempts.locked_until is not None
    return sentence("密码连续输错 {0} 次，该用户已锁定，请 {1}后再试", MAX_FAILED_LOGINS,
                    wait_words(attempts.locked_until - now))
