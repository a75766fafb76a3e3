"""The log file: tracebacks for whoever supports the desk, never for the officer.

It lives in the platform's log folder, or in $DUTYROOM_LOG_DIR (the tests point it at a
temporary folder, so they never write into the real one). Whatever is written is scrubbed
of secrets first: the password of a database URL (`--db postgresql+psycopg://u:pw@host/db`
in the logged command line, or in an error's text) and the passwords handed over in the
environment.
"""

from __future__ import annotations

import logging
import os
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_DIR_ENV = "DUTYROOM_LOG_DIR"
SECRET_ENV = ("DUTYROOM_PASSWORD", "DUTYROOM_NEW_PASSWORD", "DUTYROOM_DESK_PASSWORD")
HIDDEN = "***"
# scheme://user:password@ — the password is what stands between the first ":" after the
# user name and the last "@" before the host.
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]*:)(?P<secret>[^\s@]*)(?=@)")

log = logging.getLogger("dutyroom")


def redact(text: str) -> str:
    """`text` with the password of every URL in it, and of the environment, hidden."""
    text = _URL_PASSWORD.sub(lambda m: m.group("head") + HIDDEN, text)
    for name in SECRET_ENV:
        secret = os.environ.get(name)
        if secret:
            text = text.replace(secret, HIDDEN)
    return text


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_folder() -> Path:
    configured = os.environ.get(LOG_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir("Dutyroom", appauthor=False))


def configure_logging() -> Path:
    """Send the app's log records to dutyroom.log in `log_folder()`; returns the file."""
    folder = log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "dutyroom.log"
    for old in list(log.handlers):  # once per process, however often a command runs in it
        if isinstance(old, RotatingFileHandler):
            log.removeHandler(old)
            old.close()
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path
