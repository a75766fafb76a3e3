"""Sentences for people, written in Chinese, that can still be said in another language.

A message a rule or a service gives (「手机号应为 11 位数字」) is read on the command line,
in the log and in the window. It is a plain `str` everywhere, in Chinese as written; it
also keeps the template it was made from and the values put into it, so the interface
can look the template up in its translation catalogue and fill the same values in.
packaging/translations.py collects every `sentence("…")` template into the catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class Text(str):
    """A str that remembers how it was made: `template.format(*args)`."""

    template: str
    args: tuple[object, ...]

    def __new__(cls, template: str, *args: object) -> Text:
        made = super().__new__(cls, template.format(*args) if args else template)
        made.template = template
        made.args = args
        return made

    def __reduce__(self) -> tuple[object, ...]:
        return (Text, (self.template, *self.args))


class Verbatim(str):
    """A value put into a sentence exactly as it is, never translated: a column heading
    as it stands in the person's file, a name. (Other words put into a sentence, such as a
    field's label, are translated when the interface knows them.)"""


def sentence(template: str, *args: object) -> Text:
    """The sentence `template` with `args` filled in (str.format fields: {0}, {1:%H:%M})."""
    return Text(template, *args)


def joined(parts: Sequence[str], separator: str = "，") -> Text:
    """`separator.join(parts)` that stays translatable part by part (，；or 、)."""
    result: Text | None = None
    for part in parts:
        if result is None:
            result = part if isinstance(part, Text) else Text("{0}", part)
        elif separator == "；":
            result = sentence("{0}；{1}", result, part)
        elif separator == "、":
            result = sentence("{0}、{1}", result, part)
        else:
            result = sentence("{0}，{1}", result, part)
    return result if result is not None else Text("")


def label_of(labels: Mapping[Any, str], value: str) -> str:
    """The label of a stored word (leave, change, spot-check kinds…); one this version does
    not know, written by a newer one, is shown as stored rather than refused."""
    return labels.get(value, value)
