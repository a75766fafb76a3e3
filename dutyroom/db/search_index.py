"""Substring search over Chinese text that stays fast at ten years of a busy desk.

Chinese has no spaces, and the searches officers type are mostly two characters ("化工",
"溺水"), which neither word tokenizers nor trigram indexes can serve. On SQLite each
searchable record is indexed in a contentless FTS5 table as overlapping character bigrams
("化工厂" → "化工 工厂"); a query finds the records holding all its bigrams through the
index and then confirms the exact substring with LIKE, so results are exactly those of a
substring scan, in a fraction of the time. A one-character query, and PostgreSQL (whose
scans are parallel and fast enough), use the plain LIKE scan.

The index is kept by the services in the same transaction as the record.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class SearchTable:
    name: str  # the FTS5 table
    source: str  # the table whose rows it indexes (by rowid = id)
    columns: tuple[str, ...]  # the text columns searched


INCIDENTS = SearchTable("incident_search", "incidents",
                        ("title", "summary", "location", "reporter", "reporter_unit"))
REGISTER = SearchTable("register_search", "register_entries",
                       ("title", "content", "from_unit", "from_name", "doc_number"))
TABLES = (INCIDENTS, REGISTER)
_SHADOW = ("", "_data", "_idx", "_docsize", "_config", "_content")
NAMES = frozenset(t.name + suffix for t in TABLES for suffix in _SHADOW)


def is_search_table(name: str | None) -> bool:
    """FTS5 tables live outside the models; Alembic's comparisons must leave them alone."""
    return name in NAMES


def _runs(value: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", value).lower()
    return "".join(c if c.isalnum() else " " for c in folded).split()


def grams(value: str) -> str:
    """The bigram tokens of a text, space-separated (a lone character is kept as itself)."""
    tokens: list[str] = []
    for run in _runs(value):
        if len(run) == 1:
            tokens.append(run)
        tokens += [run[i:i + 2] for i in range(len(run) - 1)]
    return " ".join(tokens)


def match_query(term: str) -> str | None:
    """The FTS5 query for a search term, or None when the index cannot narrow it down."""
    runs = _runs(term)
    if not runs or any(len(run) < 2 for run in runs):
        return None
    tokens = dict.fromkeys(run[i:i + 2] for run in runs for i in range(len(run) - 1))
    return " ".join(f'"{token}"' for token in tokens)


def available(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def create(connection: Connection, table: SearchTable) -> None:
    """Create and fill one index (migrations call this; a no-op off SQLite)."""
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql(
        f"CREATE VIRTUAL TABLE {table.name} USING fts5(body, content='', detail=none, "
        "tokenize='unicode61')")
    rebuild(connection, table)


def rebuild(connection: Connection, table: SearchTable, batch: int = 5000) -> None:
    """Index every row of the source table afresh (after a bulk load or to repair)."""
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql(f"INSERT INTO {table.name}({table.name}) VALUES ('delete-all')")
    last = 0
    while True:
        rows = connection.exec_driver_sql(
            f"SELECT id, {', '.join(table.columns)} FROM {table.source} WHERE id > ? "
            f"ORDER BY id LIMIT {batch}", (last,)).all()
        if not rows:
            return
        connection.exec_driver_sql(
            f"INSERT INTO {table.name}(rowid, body) VALUES (?, ?)",
            [(row[0], grams(" ".join(str(v or "") for v in row[1:]))) for row in rows])
        last = rows[-1][0]


# What reading one row newest-first and testing it with LIKE costs, against gathering and
# sorting one match from the index (benchmarks/duty_log.py measures both plans side by side).
SCAN_COST = 0.5


def index_pays(session: Session, table: SearchTable, query: str, page: int) -> bool:
    """Whether gathering a term's matches through the index finds a page of `page` rows
    sooner than reading the newest rows until the page is full.

    The index path reads and sorts all m matches of n rows; the scan reads about
    page × n / m rows, each tested by LIKE on every column. So the index wins while
    m² < SCAN_COST × page × n: a rare term (冰雹) by far, a common one (化工, 通知) not.
    Counting stops at that bound, so deciding costs less than the index path itself.
    """
    rows = session.execute(text(f"SELECT max(rowid) FROM {table.source}")).scalar() or 0
    bound = max(1, math.isqrt(int(SCAN_COST * page * int(rows))))
    found = session.execute(text(
        f"SELECT count(*) FROM (SELECT rowid FROM {table.name} WHERE {table.name} MATCH :q "
        f"LIMIT {bound})"), {"q": query}).scalar_one()
    return int(found) < bound


def body(row: object, table: SearchTable) -> str:
    """What a record contributes to its index (compare before and after an edit)."""
    return grams(" ".join(str(getattr(row, c) or "") for c in table.columns))


def put(session: Session, table: SearchTable, rowid: int, new: str,
        old: str | None = None) -> None:
    """Index a record's text; pass the text indexed before when it is a revision."""
    if not available(session):
        return
    if old is not None:
        # A contentless table forgets the text, so removal must hand it back.
        session.execute(text(f"INSERT INTO {table.name}({table.name}, rowid, body) "
                             "VALUES ('delete', :id, :body)"), {"id": rowid, "body": old})
    session.execute(text(f"INSERT INTO {table.name}(rowid, body) VALUES (:id, :body)"),
                    {"id": rowid, "body": new})
