"""The audit chain's head, written down outside the database file.

Anyone who can write the file can also recompute an unkeyed hash chain, so the chain alone
cannot prove that nothing was rewritten, cut short or replaced by an older copy. A duty
desk already keeps evidence outside the file: the signed paper of every handover. Printing
the chain's position and head there ("entry 1234, 3F9A-C210-7B4E-55D1") lets anyone later
ask whether the file still holds that very entry; a rewrite before it, a truncation or a
rollback to an older backup cannot answer yes without forging 64 bits of SHA-256.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dutyroom.domain.errors import FieldError
from dutyroom.domain.text import sentence

SHORT = 16  # hex digits of the entry's hash kept on paper: 64 bits, read aloud in four groups
_ANCHOR = re.compile(r"\s*(\d{1,12})\s*[:：]\s*([0-9a-fA-F][0-9a-fA-F\s\-]*)\s*")


@dataclass(frozen=True)
class Anchor:
    """Entry `position` (1 = the first entry) of the chain, with (a prefix of) its hash."""

    position: int
    digest: str  # upper-case hex, SHORT digits or more

    @classmethod
    def of(cls, position: int, full_hash: str) -> Anchor:
        return cls(position, full_hash[:SHORT].upper())

    def __str__(self) -> str:
        """As `check --anchor` takes it and its JSON gives it: 1234:3F9AC2107B4E55D1."""
        return f"{self.position}:{self.digest}"

    def readable(self) -> str:
        """As printed and read aloud: 第 1234 条 3F9A-C210-7B4E-55D1."""
        groups = "-".join(self.digest[i:i + 4] for i in range(0, min(len(self.digest), SHORT), 4))
        return sentence("第 {0} 条 {1}", self.position, groups)

    def matches(self, full_hash: str) -> bool:
        return full_hash.upper().startswith(self.digest)


def parse_anchor(raw: object, field: str = "anchor") -> Anchor:
    """Read N:HASH as written on a handover (dashes, spaces and case do not matter)."""
    match = _ANCHOR.fullmatch(str(raw or ""))
    digest = re.sub(r"[\s\-]", "", match.group(2)).upper() if match else ""
    if match is None or int(match.group(1)) < 1 or not SHORT <= len(digest) <= 64:
        raise FieldError(field, sentence(
            "「{0}」不是审计链锚点，应为 条数:校验码，如 1234:3F9A-C210-7B4E-55D1（校验码 16 位）", raw))
    return Anchor(int(match.group(1)), digest)
