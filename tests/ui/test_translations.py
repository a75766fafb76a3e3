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
