"""Whether the login's timing tells names from accounts (issue 23, login hardening).

Times wrong-password attempts, alternating between an account, a deactivated account and a
name nobody has, each the first failure of its streak (so each takes the same path through
the lockout rule and writes one audit entry). Printed: the median and spread of each, and
the ratio of each median to the account's, measured in the same run; the target is that a
stranger's attempt is neither measurably faster nor slower (medians within 10 %; before
this change a name that is no account skipped the verify and was answered some 50× faster).

    python benchmarks/login_timing.py [--db postgresql+psycopg://…] [--rounds 40]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

PASSWORD = "timing-bench-2026"
NAMES = {"account": "officer", "deactivated": "gone", "no account": "nobody-here"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="an empty server database URL (default: a new SQLite file)")
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    from dutyroom.app import open_backend
    from dutyroom.domain.login_attempts import LOCKOUT, STREAK
    from dutyroom.domain.roles import NOBODY
    from dutyroom.services import user_service
    from dutyroom.services.errors import InputError

    with tempfile.TemporaryDirectory(prefix="dutyroom-login-bench-") as folder:
        backend = open_backend(args.db or str(Path(folder) / "desk.sqlite3"), "bench")
        uow = backend.uow
        uow = uow.for_actor(user_service.create_first_admin(
            uow, {"username": "admin", "display_name": "管理员", "password": PASSWORD}).value)
        for name in ("officer", "gone"):
            user_service.add_user(uow, {"username": name, "display_name": name, "role": "officer",
                                        "password": PASSWORD})
        gone = next(u for u in user_service.list_users(uow) if u.username == "gone")
        user_service.update_user(uow, gone.id, {"active": False})
        uow = uow.for_actor(NOBODY)
        user_service._dummy_hash()  # made once per process, before the first stranger
        times: dict[str, list[float]] = {label: [] for label in NAMES}
        start = datetime.now(UTC)
        for round_ in range(args.rounds):
            at = start + round_ * (STREAK + LOCKOUT + timedelta(minutes=1))
            for label, name in NAMES.items():
                began = time.perf_counter()
                with contextlib.suppress(InputError):
                    user_service.login(uow, name, "wrong-password", now=at)
                times[label].append(time.perf_counter() - began)
        backend.close()
    base = statistics.median(times["account"])
    print(f"{'PostgreSQL' if args.db else 'SQLite file'}: {args.rounds} wrong attempts each")
    worst = 0.0
    for label, values in times.items():
        median = statistics.median(values)
        quartiles = statistics.quantiles(values, n=4)
        worst = max(worst, abs(median / base - 1))
        print(f"  {label:12} median {median * 1000:6.1f} ms (quartiles {quartiles[0] * 1000:.1f}"
              f"–{quartiles[2] * 1000:.1f} ms), {median / base:.3f}× the account's")
    print(f"  target: every median within 10 % of the account's → {'met' if worst < 0.1 else 'MISSED'}")
    return 0 if worst < 0.1 else 1


if __name__ == "__main__":
    sys.exit(main())
