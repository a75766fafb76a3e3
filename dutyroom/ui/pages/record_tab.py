"""What the 值班日志's two tabs share: a paged list read with the page's filters, beside
the selected record's actions and detail; what they ask of the page they sit on; and an
edit saved over the latest version."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dutyroom.services.errors import ConflictError
from dutyroom.services.uow import Outcome, UnitOfWork
from dutyroom.ui.acting import Acting, ActsForDesk
from dutyroom.ui.attachments import AttachmentPanel
from dutyroom.ui.i18n import tr
from dutyroom.ui.paged_model import Deliver, Key, PagedTableModel
from dutyroom.ui.table_models import Column
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import table_view

PAGE_SIZE = 100


class LogDesk(Protocol):
    """The page a tab sits on: the desk's rules it read, its filters, its list's count."""

    zone: ZoneInfo
    tabs: QTabWidget  # the two tabs: the incidents first
    mass_limits: tuple[int, int]  # 群体性事件: county above the first, city from the second
    warning: timedelta  # how long before a deadline it turns amber
    now: Callable[[], datetime]  # the desk's clock (UTC), as the window keeps it

    def reload(self) -> None:
        """Read the list in view again with the filters shown."""

    def count(self, shown: int, more: bool) -> None:
        """Say how many rows the list shows."""

    def cancel_loading(self) -> None:
        """A read failed: the lists stop waiting for their next page."""


class RecordTab(ActsForDesk, QWidget):
    """A tab of the log: its records, newest first, a page at a time, read with the query the
    page made from its filters (later pages with the same query, not half-typed filters)."""

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner, desk: LogDesk,
                 read: Callable[..., Any], columns: list[Column[Any]],
                 stretch: int | None = None) -> None:
        super().__init__()
        self.acting, self.runner, self.desk, self.read = Acting.of(uow), runner, desk, read
        self.shown: Any = None
        self.model: PagedTableModel[Any] = PagedTableModel(columns, self._more, PAGE_SIZE,
                                                           lambda r: not r.voided)
        self.view = table_view(self.model, stretch)

    def op(self, fn: Callable[..., Any], *args: Any) -> Op:
        """An operation of the tab: a failed read stops the lists waiting for their next page."""
        return Op(self, self.runner, fn, *args, title=tr("值班日志")).failure(
            lambda _error: self.desk.cancel_loading())

    def shown_id(self) -> int | None:
        """The record shown beside the list, kept selected when the list is read again."""
        raise NotImplementedError

    def load(self, query: Any) -> None:
        self.shown = query
        self.op(self.read, self.uow, query, None, PAGE_SIZE).success(self._loaded) \
            .run_in_background()

    def _loaded(self, page: Any) -> None:
        selected = self.shown_id()
        self.model.set_page(page.rows, page.more)
        self.desk.count(self.model.rowCount(), page.more)
        row = self.model.row_of(selected) if selected is not None else None
        if row is not None:
            self.view.selectRow(row)
        elif selected is not None:
            self.view.clearSelection()

    def _more(self, after: Key | None, limit: int, deliver: Deliver) -> None:
        def done(page: Any) -> None:
            deliver(page.rows, page.more)
            self.desk.count(self.model.rowCount(), self.model.more)

        self.op(self.read, self.uow, self.shown, after, limit).success(done).run_in_background()


def list_and_detail(name: str, view: QTableView, detail: QTextBrowser,
                    actions: list[QPushButton], extra: QWidget | None = None,
                    below: QWidget | None = None) -> QSplitter:
    """A tab of the log: the list on the left; the selected record's actions and details
    on the right (with `extra` between them: an incident's 处置要点; `below` them, its 附件)."""
    side = QWidget()
    side_layout = QVBoxLayout(side)
    side_layout.setContentsMargins(8, 0, 0, 0)
    row = QHBoxLayout()
    for widget in actions:
        row.addWidget(widget)
    row.addStretch(1)
    side_layout.addLayout(row)
    if extra is not None:
        side_layout.addWidget(extra)
    if below is None:
        side_layout.addWidget(detail, 1)
    else:  # beside the detail in a tab: on a 1280×720 screen both could not keep their height
        tabs = QTabWidget()
        tabs.setObjectName(f"{name}Tabs")
        tabs.addTab(detail, tr("详情"))
        tabs.addTab(below, tr("附件"))
        if isinstance(below, AttachmentPanel):
            below.counted.connect(lambda n: tabs.setTabText(
                1, tr("附件（{0}）").format(n) if n else tr("附件")))
        side_layout.addWidget(tabs, 1)
    splitter = QSplitter()
    splitter.setObjectName(name)  # its sizes are remembered between runs by this name
    splitter.addWidget(view)
    splitter.addWidget(side)
    splitter.setSizes([640, 520])
    return splitter


def on_latest(update: Callable[[int, dict[str, Any], str], Outcome[Any]],
              version: int) -> Callable[[dict[str, Any]], Outcome[Any]]:
    """An edit's save: refused once if another desk saved first (the dialog then shows
    their change), and on the next try laid over the version now stored."""
    seen = [version]

    def save(values: dict[str, Any]) -> Outcome[Any]:
        note = values.pop("note", "")
        try:
            return update(seen[0], values, note)
        except ConflictError as error:
            if error.current_version is not None:
                seen[0] = error.current_version
            raise

    return save
