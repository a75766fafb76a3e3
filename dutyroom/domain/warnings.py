"""Early warnings received and relayed (预警信息接收与叫应): who must be reached, by when,
and where each person stands.

The desk does not issue warnings; it relays them to the 责任人 of the villages in the
warning's area and must prove that each one answered ("应叫尽叫、有叫有应"). These are the
rules an officer could state in a sentence (docs/rules.md, "Early warnings"):
a red or orange warning goes to every 责任人 of the area, a yellow one to each village's
书记, 主任 and 网格员; red and orange within 5 minutes, yellow 30, blue recorded only;
after three unanswered calls the AB角 is called; the relay is done when everyone has
answered; a cancellation or a later notice ends it, and a warning past its validity
closes itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from dutyroom.domain.desk_settings import DeskSettings
from dutyroom.domain.errors import FieldError
from dutyroom.domain.text import sentence

TOWN = "全镇"  # the area "every village of the desk"


class Colour(StrEnum):
    BLUE = "blue"
    YELLOW = "yellow"
    ORANGE = "orange"
    RED = "red"


COLOUR_LABELS = {Colour.BLUE: "蓝色", Colour.YELLOW: "黄色", Colour.ORANGE: "橙色",
                 Colour.RED: "红色"}
COLOUR_NAMES: dict[str, str] = {c.value: label for c, label in COLOUR_LABELS.items()}  # by stored value
COLOUR_RANK = {Colour.BLUE: 1, Colour.YELLOW: 2, Colour.ORANGE: 3, Colour.RED: 4}
_COLOUR_WORDS = {**{c.value: c for c in Colour}, **{v: k for k, v in COLOUR_LABELS.items()},
                 **{v[0]: k for k, v in COLOUR_LABELS.items()},
                 "IV": Colour.BLUE, "III": Colour.YELLOW, "II": Colour.ORANGE, "I": Colour.RED}

WARNING_TYPES = ("暴雨", "台风", "雷雨大风", "冰雹", "暴雪", "寒潮", "高温", "大雾", "道路结冰",
                 "森林火险", "山洪灾害", "地质灾害气象风险", "洪水", "干旱", "大风", "霜冻", "霾")

# Who usually sends a town its warnings: offered in the form, stored as written (data).
ISSUERS = ("县气象台", "县应急管理局", "县水利局", "县自然资源局", "县防汛抗旱指挥部", "县林业局")
DEFAULT_ROLES = ("村(社区)书记", "村(社区)主任", "网格员", "山洪预警员", "地灾群测群防员",
                 "水库山塘巡查员", "危房联络员", "避灾场所管理员", "企业安全员")
YELLOW_ROLES = ("村(社区)书记", "村(社区)主任", "网格员")
ALL_ROLES = "全部"  # a roles setting meaning every role of the directory


class Action(StrEnum):
    """What a notice does to its thread (DB45T 2427-2021 4.4: 更新、升级、降级、解除)."""

    ISSUE = "issue"
    UPDATE = "update"
    UPGRADE = "upgrade"
    DOWNGRADE = "downgrade"
    CANCEL = "cancel"


ACTION_LABELS = {Action.ISSUE: "发布", Action.UPDATE: "更新", Action.UPGRADE: "升级",
                 Action.DOWNGRADE: "降级", Action.CANCEL: "解除"}


class Channel(StrEnum):
    PHONE = "phone"
    SMS = "sms"
    WECHAT = "wechat"
    BROADCAST = "broadcast"
    VISIT = "visit"


CHANNEL_LABELS = {Channel.PHONE: "电话", Channel.SMS: "短信", Channel.WECHAT: "微信工作群",
                  Channel.BROADCAST: "广播", Channel.VISIT: "上门"}
# A one-way channel (a text, a group post, a loudspeaker) tells people but cannot prove
# anyone heard: marking it "sent" never counts as an answer nor as a failed call.
ONE_WAY = frozenset({Channel.SMS, Channel.WECHAT, Channel.BROADCAST})


class Outcome(StrEnum):
    ANSWERED = "answered"
    NO_ANSWER = "no_answer"
    SENT = "sent"


OUTCOME_LABELS = {Outcome.ANSWERED: "已应答", Outcome.NO_ANSWER: "未接通", Outcome.SENT: "已发送"}


class RowState(StrEnum):
    NOT_CONTACTED = "not_contacted"
    NO_ANSWER = "no_answer"
    ANSWERED = "answered"
    BACKUP = "backup"  # answered by the AB角
    NOT_NEEDED = "not_needed"  # the relay ended (cancelled, superseded, blue) before a call


ROW_STATE_LABELS = {RowState.NOT_CONTACTED: "未联系", RowState.NO_ANSWER: "未接通",
                    RowState.ANSWERED: "已应答", RowState.BACKUP: "已转AB角",
                    RowState.NOT_NEEDED: "不需要"}


class Status(StrEnum):
    ACTIVE = "active"  # in force
    SUPERSEDED = "superseded"  # a later notice of the thread replaced it
    CANCELLED = "cancelled"
    EXPIRED = "expired"


STATUS_LABELS = {Status.ACTIVE: "生效中", Status.SUPERSEDED: "已更新", Status.CANCELLED: "已解除",
                 Status.EXPIRED: "已过期"}


def _word(raw: object, field: str, label: str, choices: str) -> str:
    """The text of a value that must be one word: missing, or given as a list, an object or
    a number in a hand-written file, it is named as such rather than echoed as Python
    writes it (「None」, 「['red']」)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise FieldError(field, sentence("请填写{0}（{1}）", label, choices))
    if not isinstance(raw, str):
        raise FieldError(field, sentence("{0}应为文字（{1}）", label, choices))
    return raw.strip()


def parse_colour(raw: object) -> Colour:
    colour = _COLOUR_WORDS.get(_word(raw, "colour", "预警颜色", "蓝色、黄色、橙色、红色"))
    if colour is None:
        raise FieldError("colour", sentence("「{0}」不是预警颜色（蓝色、黄色、橙色、红色）", raw))
    return colour


def parse_type(raw: object) -> str:
    text = _word(raw, "type", "预警类型", "、".join(WARNING_TYPES)).removesuffix("预警")
    if text not in WARNING_TYPES:
        raise FieldError("type", sentence("「{0}」不是已知的预警类型（{1}）", raw, "、".join(WARNING_TYPES)))
    return text


def parse_channel(raw: object) -> Channel:
    text = str(raw if raw is not None else "").strip()
    for channel, label in CHANNEL_LABELS.items():
        if text in (channel.value, label):
            return channel
    raise FieldError("channel", sentence("「{0}」不是联系方式（phone、sms、wechat、broadcast、visit）", raw))


def parse_action(raw: object) -> Action | None:
    """What a notice says it is, if it says (an English value or its Chinese word): a
    misspelt "cancle" must not quietly become an update that keeps the warning in force and
    restarts its relay."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    choices = "发布、更新、升级、降级、解除，或 issue、update、upgrade、downgrade、cancel"
    text = _word(raw, "action", "通知类别", choices)
    for action, label in ACTION_LABELS.items():
        if text in (action.value, label):
            return action
    raise FieldError("action", sentence(
        "「{0}」不是通知类别（发布、更新、升级、降级、解除，或 issue、update、upgrade、downgrade、cancel）",
        text[:20]))


def check_declared_action(declared: Action | None, worked_out: Action) -> None:
    """A notice that says it is an 升级 while its colour makes it a 降级 (or an 更新) is
    refused: which of the two the county meant cannot be known."""
    if declared is not None and declared != worked_out:
        raise FieldError("action", sentence(
            "通知类别写的是「{0}」，但按颜色和它所跟随的通知应为「{1}」：请核对颜色或通知类别",
            ACTION_LABELS[declared], ACTION_LABELS[worked_out]))


def check_follow_up_type(followed: str, type_: str) -> None:
    """A later notice (更新、升级、降级、解除) is of the warning's own type: another hazard is
    another warning, and a 台风 notice following a 暴雨 warning would turn it into a 台风 one
    (calling whoever 台风 narrows to) or lift it by a 台风 解除."""
    if type_ != followed:
        raise FieldError("type", sentence(
            "这是{0}预警的后续通知，类型却写的是{1}：另一种预警请单独登记（后续通知可不写类型）",
            followed, type_))


def check_cancel_colour(lifted: Colour, colour: Colour) -> None:
    """A 解除 lifts the warning in the colour it stands at: one that names another colour (a
    red warning "cancelled" as yellow) cannot be recorded, since which warning the county
    lifted cannot be known, and in that colour it would show a warning never issued."""
    if colour != lifted:
        raise FieldError("colour", sentence(
            "解除的是{0}预警，通知写的颜色是{1}：请核对颜色（解除通知可不写颜色）",
            COLOUR_LABELS[lifted], COLOUR_LABELS[colour]))


def action_for(previous: Colour | None, colour: Colour, cancel: bool) -> Action:
    """The notice's action from its colour against the notice it follows."""
    if cancel:
        return Action.CANCEL
    if previous is None:
        return Action.ISSUE
    if COLOUR_RANK[colour] > COLOUR_RANK[previous]:
        return Action.UPGRADE
    if COLOUR_RANK[colour] < COLOUR_RANK[previous]:
        return Action.DOWNGRADE
    return Action.UPDATE


def check_validity(issued_at: datetime, valid_until: datetime | None) -> None:
    if valid_until is not None and valid_until <= issued_at:
        raise FieldError("valid_until", sentence("有效期至应晚于发布时间"))


def check_received(issued_at: datetime, received_at: datetime) -> None:
    """A warning reaches the desk after it was issued: a receipt before the issue would start
    the relay clock early and make the warning overdue the moment it is saved."""
    if received_at < issued_at:
        raise FieldError("received_at", sentence("接收时间不能早于发布时间"))


def check_follows_newest(previous_id: int, newest_id: int, newest_cancels: bool) -> None:
    """A later notice follows the thread's newest notice. One that follows an older notice
    would be built on what that one said (its colour, its villages) and silently undo the
    upgrade in between; after a cancellation (解除) the thread takes no more notices."""
    if newest_cancels:
        raise FieldError("supersedes", sentence("该预警已解除，不能再更新"))
    if previous_id != newest_id:
        raise FieldError("supersedes", sentence(
            "预警 #{0} 之后已有更新的通知 #{1}：后续通知、解除请在最新的通知 #{1} 上登记",
            previous_id, newest_id))


def check_follows_in_time(previous_received: datetime, received: datetime) -> None:
    """A later notice arrives after the notice it follows: one received before it would end
    that notice's relay before it began (its calls and its deadline would count for nothing)
    and start its own relay clock in the past, overdue the moment it is saved."""
    if received < previous_received:
        raise FieldError("received_at", sentence("接收时间不能早于它所跟随的通知的接收时间"))


def check_someone_to_reach(chosen: Sequence[Person], villages: Sequence[str], colour: Colour,
                           rules: RelayRules) -> None:
    """A warning that must be relayed with nobody to relay it to would count as done at
    once, alarm nobody and prove nothing: the directory must first hold its 责任人."""
    if rules.minutes.get(colour) is not None and not chosen:
        raise FieldError("villages", sentence(
            "{0}没有需要叫应的在岗责任人，这条预警无人可叫应：请先在通讯录「基层责任人」中登记"
            "（或检查岗位设置）后再登记预警", "、".join(villages)))


def area_villages(asked: Sequence[str], known: Sequence[str]) -> tuple[str, ...]:
    """The villages a warning covers: 全镇 is every village the desk has; any other name
    must be one of them. Order as the desk lists its villages."""
    names = [str(v).strip() for v in asked if str(v).strip()]
    if not names:
        raise FieldError("villages", sentence("请选择预警涉及的村(社区)，或选「全镇」"))
    if TOWN in names:
        return tuple(known)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise FieldError("villages", sentence("本镇没有村(社区)「{0}」", "」「".join(unknown)))
    chosen = set(names)
    return tuple(v for v in known if v in chosen)


@dataclass(frozen=True)
class RelayRules:
    """The desk's settings for relaying warnings."""

    minutes: Mapping[Colour, int | None]  # None: recorded and forwarded, no call required
    roles: Mapping[Colour, tuple[str, ...] | None]  # None: every role
    attempts_before_backup: int = 3
    # A warning type the desk narrows (docs/rules.md: "a desk may narrow this per warning type"):
    # only these roles, among those its colour requires, are called for it.
    by_type: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def roles_for(self, colour: Colour, type_: str | None = None) -> tuple[str, ...] | None:
        """The roles a warning of this colour and type must reach; None: every role."""
        roles = self.roles.get(colour)
        narrow = self.by_type.get(type_ or "")
        if not narrow:
            return roles
        return narrow if roles is None else tuple(r for r in roles if r in narrow)


TYPE_ROLES_KEY = "relay_roles_by_type"


def parse_type_roles(raw: object, key: str = TYPE_ROLES_KEY,
                     label: str = "按预警类型收窄叫应岗位") -> dict[str, tuple[str, ...]]:
    """「山洪灾害：山洪预警员、村(社区)书记；地质灾害气象风险：地灾群测群防员」: one entry per
    type, separated by ； or a new line, the type before a colon and its roles after it."""
    text = str(raw if raw is not None else "").replace(";", "；").replace("\n", "；")
    found: dict[str, tuple[str, ...]] = {}
    for entry in (e.strip() for e in text.split("；")):
        if not entry:
            continue
        type_, colon, roles_text = entry.replace(":", "：").partition("：")
        type_ = type_.strip()
        if not colon or not type_:
            raise FieldError(key, sentence("{0}：「{1}」应写成「预警类型：岗位、岗位」", label, entry))
        if type_ not in WARNING_TYPES:
            raise FieldError(key, sentence("{0}：「{1}」不是已知的预警类型（{2}）", label, type_,
                                           "、".join(WARNING_TYPES)))
        if type_ in found:
            raise FieldError(key, sentence("{0}：预警类型「{1}」写了两次", label, type_))
        roles: list[str] = []
        for part in roles_text.replace("，", "、").replace(",", "、").split("、"):
            if part.strip() and part.strip() not in roles:
                roles.append(part.strip())
        if not roles:
            raise FieldError(key, sentence("{0}：预警类型「{1}」后面没有岗位", label, type_))
        found[type_] = tuple(roles)
    return found


def format_type_roles(value: Mapping[str, Sequence[str]]) -> str:
    return "；".join(f"{t}：{'、'.join(roles)}" for t, roles in value.items())


def check_type_roles(values: DeskSettings | Mapping[str, object]) -> list[FieldError]:
    """A narrowing that names a role the desk does not have, or leaves a colour that needs
    calls with no role at all, would make every such warning unrecordable at the moment it
    arrives: refused when the setting is saved instead."""
    s = DeskSettings.of(values)
    rules = rules_from_settings(s)
    known = tuple(s.responsible_roles.split("、"))
    problems: list[FieldError] = []
    for type_, roles in rules.by_type.items():
        unknown = [r for r in roles if r not in known]
        if unknown:
            problems.append(FieldError(TYPE_ROLES_KEY, sentence(
                "{0}预警收窄到的岗位「{1}」不在责任人岗位中", type_, "」「".join(unknown))))
            continue
        for colour in (Colour.RED, Colour.ORANGE, Colour.YELLOW, Colour.BLUE):
            if rules.minutes.get(colour) is not None and not rules.roles_for(colour, type_):
                problems.append(FieldError(TYPE_ROLES_KEY, sentence(
                    "{0}{1}预警收窄后没有要叫应的岗位：收窄的岗位须包含{1}预警叫应岗位中的至少一个",
                    type_, COLOUR_LABELS[colour])))
    return problems


def rules_from_settings(values: DeskSettings | Mapping[str, object]) -> RelayRules:
    """The relay rules from the desk's settings (domain/settings.py, relay_*)."""
    s = DeskSettings.of(values)

    def roles(listed: str) -> tuple[str, ...] | None:
        items = tuple(listed.split("、"))
        return None if ALL_ROLES in items else items

    return RelayRules(
        minutes={Colour.RED: s.relay_minutes_red or None,
                 Colour.ORANGE: s.relay_minutes_orange or None,
                 Colour.YELLOW: s.relay_minutes_yellow or None,
                 Colour.BLUE: s.relay_minutes_blue or None},
        roles={Colour.RED: roles(s.relay_roles_red), Colour.ORANGE: roles(s.relay_roles_red),
               Colour.YELLOW: roles(s.relay_roles_yellow), Colour.BLUE: roles(s.relay_roles_yellow)},
        attempts_before_backup=int(s.relay_attempts),
        by_type=parse_type_roles(s.relay_roles_by_type),
    )


DEFAULT_RULES = RelayRules(
    minutes={Colour.RED: 5, Colour.ORANGE: 5, Colour.YELLOW: 30, Colour.BLUE: None},
    roles={Colour.RED: None, Colour.ORANGE: None, Colour.YELLOW: YELLOW_ROLES, Colour.BLUE: ()},
)


@dataclass(frozen=True)
class Person:
    """A 责任人 as the rules see one."""

    id: int
    name: str
    village: str
    role: str
    backup_id: int | None = None


def to_reach(people: Iterable[Person], villages: Sequence[str], colour: Colour,
             rules: RelayRules, role_order: Sequence[str] = DEFAULT_ROLES,
             type_: str | None = None) -> list[Person]:
    """Who must answer for a warning: the 责任人 of its villages in the roles its colour
    requires (narrowed for its type where the desk says so), grouped by village in the
    desk's order, then by role in the desk's order. A blue warning needs no calls."""
    if rules.minutes.get(colour) is None:
        return []
    roles = rules.roles_for(colour, type_)
    order = {v: i for i, v in enumerate(villages)}
    rank = {r: i for i, r in enumerate(role_order)}
    chosen = [p for p in people if p.village in order and (roles is None or p.role in roles)]
    return sorted(chosen, key=lambda p: (order[p.village], rank.get(p.role, len(rank)), p.id))


def relay_due(received_at: datetime, colour: Colour, rules: RelayRules) -> datetime | None:
    minutes = rules.minutes.get(colour)
    return None if minutes is None else received_at + timedelta(minutes=minutes)


@dataclass(frozen=True)
class Attempt:
    """One contact attempt with a person on the list (or with their AB角)."""

    person_id: int
    at: datetime
    channel: Channel
    outcome: Outcome
    via_backup: bool = False


@dataclass(frozen=True)
class Row:
    """Where one person on the list stands."""

    state: RowState
    failed: int  # unanswered calls so far
    reached_at: datetime | None
    offer_backup: bool


def row_of(attempts: Iterable[Attempt], attempts_before_backup: int, relay_open: bool,
           has_backup: bool) -> Row:
    """The row's state from its attempts, whatever order they were recorded in: the first
    answer reaches the person (by the AB角 if it was the AB角 who answered)."""
    ordered = sorted(attempts, key=lambda a: (a.at, a.via_backup))
    failed = sum(1 for a in ordered if a.outcome == Outcome.NO_ANSWER)
    answer = next((a for a in ordered if a.outcome == Outcome.ANSWERED), None)
    if answer is not None:
        state = RowState.BACKUP if answer.via_backup else RowState.ANSWERED
        return Row(state, failed, answer.at, False)
    if not relay_open:
        return Row(RowState.NOT_NEEDED, failed, None, False)
    state = RowState.NO_ANSWER if failed else RowState.NOT_CONTACTED
    return Row(state, failed, None, has_backup and failed >= attempts_before_backup)


def row_label(row: Row) -> str:
    if row.state == RowState.NO_ANSWER:
        return sentence("未接通 {0} 次", row.failed)
    return ROW_STATE_LABELS[row.state]


def reached(row: Row) -> bool:
    return row.state in (RowState.ANSWERED, RowState.BACKUP)


def relay_complete(rows: Iterable[Row]) -> bool:
    """有叫有应: done when every required person has answered (an empty list is done)."""
    return all(reached(r) for r in rows)


def status_of(action: Action, superseded_by: Action | None, valid_until: datetime | None,
              at: datetime) -> Status:
    """A notice's standing at `at`. A later notice of the thread supersedes it (a
    cancellation cancels it); a cancellation is itself closed; validity ends it but keeps
    its record."""
    if action == Action.CANCEL or superseded_by == Action.CANCEL:
        return Status.CANCELLED
    if superseded_by is not None:
        return Status.SUPERSEDED
    if valid_until is not None and at >= valid_until:
        return Status.EXPIRED
    return Status.ACTIVE


def status_then(action: Action, later: Sequence[tuple[datetime, Action]],
                valid_until: datetime | None, at: datetime) -> Status:
    """A notice's standing at a past moment `at`, from the later notices of its thread
    (received time and action, oldest first) that had arrived by then. A call made on a
    laptop in the field counts for the relay if the notice was still in force when it was
    made; one made after the desk had received the cancellation or a newer notice did not
    (the relay had ended, or moved to the newer notice)."""
    known = [a for received, a in later if received <= at]
    newest = Action.CANCEL if Action.CANCEL in known else (known[-1] if known else None)
    return status_of(action, newest, valid_until, at)


def check_can_relay(status: Status) -> None:
    if status != Status.ACTIVE:
        raise FieldError("id", sentence("该预警{0}，不能再记录叫应", STATUS_LABELS[status]))


def title(type_: str, colour: Colour) -> str:
    return sentence("{0}{1}预警", type_, COLOUR_LABELS[colour])
