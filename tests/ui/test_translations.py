"""The interface in another language: every visible string goes through the translator,
the English catalogue is complete and compiled, and the language is this computer's choice."""

import ast
import importlib
import importlib.util
import pkgutil
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from dutyroom.domain.text import sentence
from dutyroom.services.errors import Problem
from dutyroom.ui import i18n
from dutyroom.ui.i18n import tr, tr_label, tr_text

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
TRANSLATING = {"tr", "tr_label", "translate"}


def _tool():
    spec = importlib.util.spec_from_file_location("translations", ROOT / "packaging" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def untranslated(path: Path) -> list[str]:
    """Chinese literals in `path` that reach the screen without tr() (docstrings aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value)):
            continue
        parent, inside = parents.get(node), False
        if isinstance(parent, ast.Expr):
            continue  # a docstring
        while parent is not None:
            if isinstance(parent, ast.Call):
                name = getattr(parent.func, "id", getattr(parent.func, "attr", ""))
                if name in TRANSLATING:
                    inside = True
                    break
            parent = parents.get(parent)
        if not inside:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:40]!r}")
    return found


def test_every_visible_chinese_string_in_the_interface_goes_through_tr():
    sources = [p for p in (ROOT / "dutyroom" / "ui").rglob("*.py") if p.name != "i18n.py"]
    assert [line for path in sources for line in untranslated(path)] == []


def test_the_english_catalogue_is_complete_and_compiled():
    """Every tr() string and domain label is translated, with the same placeholders, and the
    shipped .qm is compiled from the current .ts (packaging/translations.py --check)."""
    assert _tool().problems("en") == []


@pytest.fixture
def english(qapp):
    """English for one test. The app's language is fixed for the life of the process and
    headings are translated when their modules load, so every interface module is loaded
    (in Chinese) first: the other tests in this process must not see English headings."""
    import dutyroom.ui

    for module in pkgutil.walk_packages(dutyroom.ui.__path__, "dutyroom.ui."):
        importlib.import_module(module.name)
    installed = i18n.install(qapp, "en")
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    i18n.install(qapp, i18n.DEFAULT)


def test_the_interface_speaks_english_when_chosen(english, sqlite_backend):
    from dutyroom.ui.pages.log_page import LogPage
    from dutyroom.ui.tasks import SyncRunner

    assert tr("今日值班") == "Today"
    assert tr("一", "weekday") == "Mon"
    assert tr_label("值班员") == "Duty officer" and tr_label("Ⅰ级") == "Level I"
    assert tr("已保存到 {0}").format("/tmp/x") == "Saved to /tmp/x"
    page = LogPage(sqlite_backend.uow, SyncRunner())
    assert page.new_incident_button.text() == "New incident"
    assert page.tabs.tabText(1) == "Calls and documents"
    assert page.category.itemText(1) == "Natural disaster"
    page.deleteLater()


def test_chinese_is_the_default_with_qt_s_own_dialog_buttons_in_chinese(qapp):
    installed = i18n.install(qapp, i18n.DEFAULT)
    try:
        assert tr("今日值班") == "今日值班"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_the_language_is_this_computer_s_setting(window, qtbot, tmp_path, sqlite_backend, runner):
    from dutyroom.ui.pages.settings_page import SettingsPage

    store = QSettings(str(tmp_path / "local.ini"), QSettings.Format.IniFormat)
    assert i18n.saved_language(store) == "zh_CN"
    page = SettingsPage(sqlite_backend.uow, runner, store)
    qtbot.addWidget(page)
    page.language.setCurrentIndex(page.language.findData("en"))
    assert i18n.saved_language(QSettings(str(tmp_path / "local.ini"), QSettings.Format.IniFormat)) == "en"
    assert "重新启动" in page.language_note.text()
    store.setValue(i18n.SETTING, "klingon")  # a value from elsewhere falls back to Chinese
    assert i18n.saved_language(store) == "zh_CN"
    assert not SettingsPage(sqlite_backend.uow, runner).language.isEnabled()  # no local store


def test_a_label_with_a_note_keeps_the_note_as_recorded(english):
    from dutyroom.ui.i18n import tr_noted

    assert tr_noted("派单到场（青山镇卫生院）") == "On site after dispatch (青山镇卫生院)"
    assert tr_noted("电话报告") == "Phone report"
    assert tr_noted("未知的事项") == "未知的事项"  # not in the catalogue: shown as it is


def test_the_help_comes_in_the_interface_language_with_the_same_topics(english, qtbot):
    from dutyroom.ui.dialogs.help_dialog import HelpDialog, help_html

    anchors = re.compile(r'name="(\w+)"')
    assert anchors.findall(help_html("en")) == anchors.findall(help_html("zh_CN"))
    assert "A shift, step by step" in help_html("en") and help_html("fr") == help_html("zh_CN")
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    assert "Sign in for the shift" in dialog.browser.toPlainText()


def test_messages_of_the_rules_and_services_are_said_in_english_too(english, sqlite_backend):
    """The services still speak Chinese (the CLI, the log); the window translates."""
    from dutyroom.services import staff_service
    from dutyroom.services.errors import InputError
    from dutyroom.ui.widgets import error_text

    with pytest.raises(InputError) as caught:
        staff_service.add_staff(sqlite_backend.uow, {"name": "张三", "tier": "值班员", "mobile": "123"})
    assert "「123」不是 11 位手机号" in caught.value.message
    assert error_text(caught.value) == '"123" is not an 11-digit mobile number'
    problem = Problem(sentence("「{0}」不是有效日期", "2-30"), row=4, column="日期")
    assert problem.describe() == "第 4 行，列「日期」：「2-30」不是有效日期"
    assert tr_text(problem.describe()) == 'Row 4, column "日期": "2-30" is not a valid date'
    assert tr_text(sentence("{0}不能为空", "姓名")) == "Name cannot be empty"  # a label inside
    assert tr_text("不在目录中的话") == "不在目录中的话"


def test_a_message_is_a_plain_string_everywhere_else():
    import json
    import pickle

    said = sentence("{0} 已停用，不能排班", "张三")
    assert said == "张三 已停用，不能排班" and isinstance(said, str)
    assert json.loads(json.dumps({"error": said}, ensure_ascii=False)) == {"error": "张三 已停用，不能排班"}
    again = pickle.loads(pickle.dumps(said))
    assert again == said and again.template == said.template and again.args == ("张三",)


def test_the_rota_s_day_heading_names_the_weekday_in_english(english, sqlite_backend):
    from datetime import date

    from dutyroom.services import roster_service
    from dutyroom.ui.month_grid import describe

    day = date(2026, 11, 23)
    view = roster_service.roster_view(sqlite_backend.uow, day, day).days[0]
    assert describe(day, view).splitlines()[0] == "2026-11-23 Monday Workday"


LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _shown_texts(dialog) -> list[str]:
    """Every text a person can see in `dialog`: labels, buttons, tooltips, menus' actions,
    the lists' headings and cells."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLabel, QWidget

    texts = []
    for widget in dialog.findChildren(QWidget):
        texts += [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        model = widget.model() if isinstance(widget, QAbstractItemView) else None
        if model is not None:
            root = widget.rootIndex()
            for column in range(model.columnCount(root)):
                texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
                texts += [str(model.index(row, column, root).data() or "")
                          for row in range(model.rowCount(root))]
    texts += [action.text() for action in dialog.findChildren(QAction)]
    return [t for t in texts if t]


def test_qt_s_file_dialog_speaks_chinese_in_the_chinese_window(qapp, qtbot, tmp_path):
    """Qt's catalogue lacks some of Qt 6's own strings ("&Look in:"); Dutyroom's supplement
    fills them in."""
    from PySide6.QtWidgets import QFileDialog

    (tmp_path / "值班资料").mkdir()
    installed = i18n.install(qapp, i18n.DEFAULT)
    try:
        dialog = QFileDialog(None, "选择人员表", str(tmp_path), "表格文件 (*.xlsx *.csv);;所有文件 (*)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: "值班资料" in _shown_texts(dialog), timeout=5000)
        # Paths, the user's name and the file patterns are data, not wording.
        data = re.compile(rf"{re.escape(str(tmp_path))}|\broot\b|\(\*[^)]*\)")
        english = [t for t in _shown_texts(dialog) if LATIN_WORD.search(data.sub("", t))]
        assert english == []
        assert "查找范围(&L)：" in _shown_texts(dialog) and "文件夹" in _shown_texts(dialog)
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_qt_s_catalogue_is_loaded_for_every_qt_module_the_window_uses():
    used = set()
    for path in (ROOT / "dutyroom").rglob("*.py"):
        used |= set(re.findall(r"^from PySide6\.(Qt\w+) import", path.read_text(encoding="utf-8"),
                               re.MULTILINE))
    assert used <= set(i18n.QT_CATALOGUES)
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in {c for c in i18n.QT_CATALOGUES.values() if c}:
        assert QTranslator().load(QLocale("zh_CN"), name, "_", folder), name
    assert QTranslator().load(i18n.supplement("zh_CN"))


def _alert(number: int):
    from datetime import UTC, datetime

    from dutyroom.domain.deadlines import AlertState
    from dutyroom.services.alert_service import Alert

    moment = datetime(2026, 11, 23, tzinfo=UTC)
    return Alert(f"k{number}", "phone_report", "电话报告", f"事件{number}", number, "incident",
                 moment, moment, AlertState.OVERDUE)


def _watch(count: int):
    from datetime import UTC, datetime

    from dutyroom.services.alert_service import Watch

    moment = datetime(2026, 11, 23, tzinfo=UTC)
    return Watch(moment, [_alert(n) for n in range(count)], {}, moment)


def test_the_banner_counts_the_alerts_it_does_not_name(qtbot):
    from dutyroom.ui.alert_banner import AlertBanner

    banner = AlertBanner()
    qtbot.addWidget(banner)
    banner.show_watch(_watch(5))
    assert "电话报告 — 事件0，另有 4 项" in banner.text.text()


def test_the_counts_of_more_alerts_are_right_in_english(english, qtbot):
    from dutyroom.ui.alert_banner import AlertBanner
    from dutyroom.ui.alert_center import summary

    banner = AlertBanner()
    qtbot.addWidget(banner)
    banner.show_watch(_watch(5))
    assert banner.text.text().startswith("⚠ 5 overdue") and "Event0" not in banner.text.text()
    assert banner.text.text().endswith("事件0 and 4 more")
    assert summary([_alert(n) for n in range(5)]).splitlines()[-1] == "…and 3 more"


def test_the_handover_header_is_in_one_language(english):
    from datetime import date

    from dutyroom.domain.handover import HandoverRecord
    from dutyroom.ui.pages.handover_page import record_html

    record = HandoverRecord(unit="青山镇人民政府", desk="总值班室", day=date(2026, 11, 23),
                            period="2026-11-23 08:30 至 2026-11-24 08:30", outgoing="胡斌",
                            incoming="周敏", leader="王海涛", chief="", sections=(),
                            assembled_at="2026-11-24 08:10")
    header = re.search(r"<p>(.*?)</p>", record_html(record)).group(1)
    assert header == "Shift 2026-11-23 08:30 to 2026-11-24 08:30  Recorded up to 2026-11-24 08:10"
    assert record.period_bounds == ("2026-11-23 08:30", "2026-11-24 08:30")


def test_how_an_incident_was_received_is_named_so(english):
    assert tr("接报方式") == "How received"


def test_the_duty_counts_name_their_day_kinds_in_english(english):
    """The 值班统计 headings took the day kinds' Chinese labels as they were (workday,
    weekend and holiday stayed 工作日, 周末, 节假日 in the English window)."""
    from dutyroom.ui.dialogs.roster_dialogs import stats_columns

    headings = [column.header for column in stats_columns()]
    assert headings[3:6] == ["Workday", "Weekend", "Holiday"]
    assert not any(re.search(r"[\u4e00-\u9fff]", heading) for heading in headings)
