"""A file that cannot be read as its format: every reason in Chinese, no library's words.

The services turn a fault into the `InputError` a person reads (services/errors.py
`format_error`); code here knows no services, so it raises this instead.
"""

from __future__ import annotations


class FormatFault(Exception):
    """What is wrong with a file, each reason a Chinese sentence; `source` names the file
    as the message should (the services name it when the reader had only bytes)."""

    def __init__(self, messages: list[str], source: str | None = None) -> None:
        super().__init__(messages[0] if messages else "")
        self.messages = messages
        self.source = source
