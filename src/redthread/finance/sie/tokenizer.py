"""Splitting one SIE line into fields (SIE 4B §5.7).

Fields are separated by spaces or tabs; a field may be quoted and must be when it
contains a space; ``\\"`` is a quote inside a quoted field. An object list is written
in braces, ``{1 "100" 6 "P1"}``, as pairs of dimension and object. Anything that
cannot be read raises ``SieError`` naming the line; nothing else is ever raised.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _


class SieError(Exception):
    """A file that cannot be imported; the message says which line and what is wrong."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("Rad %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class ObjectList(tuple[tuple[str, str], ...]):
    """The ``{dimension object ...}`` field of a balance or transaction record."""

    __slots__ = ()


Field = str | ObjectList

# One field: a quoted string, a brace, or an unquoted word. Separators are only space
# and tab: a no-break space (0xFF in code page 437) belongs to the text.
_FIELD = re.compile(r'[ \t]*(?:"((?:[^"\\]|\\.)*)"|([{}])|([^ \t"{}][^ \t{}]*))')
_ESCAPE = re.compile(r"\\([\"\\])")


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text) if "\\" in text else text


def tokenize(line: str, number: int | None = None) -> list[Field]:
    """The fields of ``line``; an empty list for a blank line.

    Raises ``SieError`` for an unterminated quote, an unbalanced or nested brace, or an
    object list that is not pairs of dimension number and object.
    """
    fields: list[Field] = []
    group: list[str] | None = None
    position = 0
    length = len(line)
    while position < length:
        match = _FIELD.match(line, position)
        if match is None:
            rest = line[position:]
            if rest.strip(" \t\r\n") == "":
                break
            raise SieError(
                _("ett citattecken avslutas inte. Kontrollera citattecknen på raden."), number
            )
        position = match.end()
        quoted, brace, word = match.groups()
        if brace == "{":
            if group is not None:
                raise SieError(_("en objektlista får inte ligga inne i en annan."), number)
            group = []
        elif brace == "}":
            if group is None:
                raise SieError(_("en avslutande klammer } saknar sin början {."), number)
            fields.append(_object_list(group, number))
            group = None
        else:
            value = _unescape(quoted) if quoted is not None else word
            assert value is not None
            if group is not None:
                group.append(value)
            else:
                fields.append(value)
    if group is not None:
        raise SieError(_("objektlistan stängs inte med }."), number)
    return fields


def _object_list(items: list[str], number: int | None) -> ObjectList:
    if len(items) % 2:
        raise SieError(
            _('objektlistan ska bestå av par av dimension och objekt, t.ex. {1 "100"}.'),
            number,
        )
    pairs = []
    seen = set()
    for index in range(0, len(items), 2):
        dimension, code = items[index], items[index + 1]
        if not dimension.isdigit() or not dimension.isascii():
            raise SieError(
                _("dimensionen %(dim)s i objektlistan är inte ett nummer.") % {"dim": dimension},
                number,
            )
        dimension = str(int(dimension))
        if dimension in seen:
            raise SieError(
                _("objektlistan anger dimension %(dim)s mer än en gång.") % {"dim": dimension},
                number,
            )
        seen.add(dimension)
        pairs.append((dimension, code))
    return ObjectList(pairs)


def parse_object_list_body(body: str, number: int | None = None) -> ObjectList:
    """The pairs of an object list given without its braces (the reader's fast path)."""
    fields = tokenize("{" + body + "}", number)
    if len(fields) != 1 or not isinstance(fields[0], ObjectList):
        raise SieError(_("objektlistan kan inte läsas."), number)
    return fields[0]
