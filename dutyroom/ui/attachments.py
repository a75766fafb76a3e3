"""The 附件 list beside a record (an incident, a register entry, a warning).

Files come in by 添加… (a file dialog) or by dropping them on the list; each is listed with
its size, who added it and when. Opening writes a copy from the database into a temporary
folder: a PDF opens in the app's own viewer, anything else in the system's viewer. A
removal asks why and leaves the file in the database (the log is evidence).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dutyroom.domain.attachments import viewable
from dutyroom.services import attachment_service
from dutyroom.services.attachment_service import AttachmentView
from dutyroom.services.uow import UnitOfWork
from dutyroom.ui.acting import Acting, ActsForDesk
from dutyroom.ui.i18n import tr
from dutyroom.ui.tasks import Op, Runner, SyncRunner
from dutyroom.ui.widgets import button

PATTERNS = "*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.bmp *.gif *.ofd *.doc *.docx *.wps *.xls *.xlsx *.txt"


def local_paths(urls: list[QUrl]) -> list[str]:
    """The local files among dropped URLs (a web link dropped from a browser is not one)."""
    return [url.toLocalFile() for url in urls if url.isLocalFile() and url.toLocalFile()]


def open_copy(parent: QWidget, path: Path, is_pdf: bool) -> None:
    """A PDF in the app's viewer; anything else (or a PDF the viewer cannot read) in the
    system's own viewer."""
    if is_pdf:
        from dutyroom.ui.dialogs.attachment_viewer import PdfViewer

        viewer = PdfViewer(path, parent)
        if viewer.loaded:
            parent.viewer = viewer  # type: ignore[attr-defined]
            viewer.open()
            return
    open_with_system(parent, path)


def open_with_system(parent: QWidget, path: Path) -> None:
    """A document or picture in the system's viewer; any other file (a program, a script, a
    shortcut, an archive) only in its folder, with a warning: opening it would run it."""
    if not viewable(path.name):
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
        QMessageBox.warning(parent, tr("打开附件"), tr(
            "「{0}」不是文档、图片或录音，可能是程序或脚本，为安全起见不直接打开。已打开它的副本所在的"
            "文件夹：{1}\n请确认来源可信后再处理。").format(path.name, path.parent))
        return
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        QMessageBox.warning(parent, tr("打开附件"),
                            tr("本机没有能打开「{0}」的程序。副本在：{1}").format(path.name, path))


class AttachmentPanel(ActsForDesk, QWidget):
    """附件 of one record; `show_owner` switches record, `changed` says the list changed."""

    changed = Signal()
    counted = Signal(int)  # how many files the record has, for a tab's title

    def __init__(self, uow: Acting | UnitOfWork, runner: Runner | SyncRunner, kind: str,
                 parent: QWidget | None = None, *, narrow: bool = False) -> None:
        """`narrow`: the heading on a line of its own, for a list in a narrow column."""
        super().__init__(parent)
        self.acting, self.runner, self.kind = Acting.of(uow), runner, kind
        self.zone = ZoneInfo("Asia/Shanghai")
        self.owner_id: int | None = None
        self.usable = False
        self.items: list[AttachmentView] = []
        self._queue: list[str] = []
        self.setAcceptDrops(True)
        self.setObjectName("attachments")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        head = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setWordWrap(narrow)
        if narrow:
            layout.addWidget(self.heading)
        else:
            head.addWidget(self.heading)
        head.addStretch(1)
        self.extra = QHBoxLayout()  # what a page adds beside the buttons (an incident's 预案)
        head.addLayout(self.extra)
        self.add_button = button(tr("添加…"), "add", tooltip=tr("添加扫描的来文、传真、照片或 PDF；"
                                                              "也可把文件拖到附件列表上"))
        self.add_button.clicked.connect(lambda: self.choose_files())
        self.open_button = button(tr("打开"), tooltip=tr("PDF 在程序内查看，其他文件用系统程序打开"))
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = button(tr("移除…"),
                                    tooltip=tr("从列表移除（须写明原因）；文件仍保存在数据库中作为记录"))
        self.remove_button.clicked.connect(self.remove_selected)
        for widget in (self.add_button, self.open_button, self.remove_button):
            head.addWidget(widget)
        layout.addLayout(head)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([tr("文件名"), tr("大小"), tr("添加人"), tr("添加时间")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Hidden while empty, when the heading alone says where to drop a file.
        self.tree.setMinimumHeight(64)
        if narrow:  # under a list: three rows, the list keeps the rest
            self.tree.setMaximumHeight(96)
        self.tree.setToolTip(tr("把文件拖到这里即可添加；双击打开"))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemDoubleClicked.connect(lambda *_: self.open_selected())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.tree, 1)
        layout.addStretch(0)
        self.show_owner(None, False)

    # --- which record -----------------------------------------------------------------

    def show_owner(self, owner_id: int | None, usable: bool) -> None:
        """Show the attachments of record `owner_id` (None: no record); `usable` is False for
        a voided record, whose files can be opened but no longer added or removed."""
        self.owner_id, self.usable = owner_id, usable
        if owner_id is None:
            self._listed([])
            return
        self.reload()

    def reload(self) -> None:
        if self.owner_id is None:
            return
        wanted = self.owner_id
        (Op(self, self.runner, attachment_service.list_attachments, self.uow, self.kind, wanted,
            title=tr("附件"))
         .success(lambda items: self._listed(items) if wanted == self.owner_id else None)
         .run_in_background())

    def _listed(self, items: list[AttachmentView]) -> None:
        selected = self.selected()
        self.items = items
        self.tree.clear()
        for item in items:
            row = QTreeWidgetItem([item.name, item.readable_size, item.added_by,
                                   f"{item.added_at.astimezone(self.zone):%m-%d %H:%M}"])
            row.setToolTip(0, tr("{0}\nSHA-256：{1}").format(item.name, item.sha256))
            self.tree.addTopLevelItem(row)
            if selected is not None and item.id == selected.id:
                self.tree.setCurrentItem(row)
        self.tree.setVisible(bool(items))
        self.counted.emit(len(items))
        self.heading.setText(tr("<b>附件</b>（{0}）").format(len(items)) if items
                             else tr("<b>附件</b>　可把文件拖到这里"))
        self._update_buttons()

    def selected(self) -> AttachmentView | None:
        current = self.tree.currentItem()
        index = self.tree.indexOfTopLevelItem(current) if current is not None else -1
        return self.items[index] if 0 <= index < len(self.items) else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.add_button.setEnabled(self.owner_id is not None and self.usable)
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen and self.usable)

    # --- adding -----------------------------------------------------------------------

    def choose_files(self) -> None:
        if self.owner_id is None or not self.usable:
            return
        kinds = tr("扫描件、照片和文档") + f" ({PATTERNS});;" + tr("所有文件") + " (*)"
        paths, _ = QFileDialog.getOpenFileNames(self, tr("添加附件"), "", kinds)
        self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        """Add each file in turn; one refused (too big, unreadable) is said and the rest
        still added."""
        if self.owner_id is None or not self.usable or not paths:
            return
        self._queue.extend(paths)
        if len(self._queue) == len(paths):
            self._next()

    def _next(self) -> None:
        if not self._queue or self.owner_id is None:
            self._queue.clear()
            self.reload()
            return
        path = self._queue[0]

        def then(_: object) -> None:
            self._queue.pop(0)
            self.changed.emit()
            self._next()

        def refused(_: BaseException) -> None:  # (said by the operation; the rest go on)
            self._queue.pop(0)
            self._next()

        (Op(self, self.runner, attachment_service.add_attachment, self.uow, self.kind,
            self.owner_id, path, title=tr("未能添加附件"))
         .success(then).failure(refused).run_in_background())

    def _accepts(self, event: QDragMoveEvent) -> None:
        if self.owner_id is not None and self.usable and local_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._accepts(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._accepts(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData().urls())
        if not paths or self.owner_id is None or not self.usable:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(paths)

    # --- opening and removing ---------------------------------------------------------

    def open_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        (Op(self, self.runner, attachment_service.write_copy, self.uow, item.id,
            title=tr("打开附件"))
         .success(lambda path: open_copy(self, path, item.is_pdf)).run_in_background())

    def remove_selected(self, ask: Callable[[QWidget, str], tuple[str, bool]] | None = None
                        ) -> None:
        item = self.selected()
        if item is None or not self.usable:
            return
        reason, ok = (ask or self._ask_reason)(self, item.name)
        if not ok:
            return

        def done(_: AttachmentView) -> None:
            self.changed.emit()
            self.reload()

        (Op(self, self.runner, attachment_service.remove_attachment, self.uow, item.id, reason,
            title=tr("移除附件")).success(done).run_in_background())

    @staticmethod
    def _ask_reason(parent: QWidget, name: str) -> tuple[str, bool]:
        return QInputDialog.getText(parent, tr("移除附件"),
                                    tr("移除「{0}」的原因（文件仍保存在数据库中，审计记录可查）：").format(name))
