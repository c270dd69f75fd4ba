"""How many terminal cells rich gives text, and where it folds a line, told without importing
rich (some 40 ms), for the characters whose width every rich cell table agrees on.

`known_width` counts the characters of `_WIDTHS`: one cell each, but the combining marks (none)
and the CJK ideographs, kana, Hangul and full-width forms (two). Every rich table from Unicode
4.1 to 17 (rich.cells, the UNICODE_VERSION it reads) gives each of them that width, and none of
them is a character VisibleConsole writes out (tests/test_plain_history.py checks both, code
point by code point). Anything else (emoji, a joiner, a tab, a hidden character) is None: only
rich can say. `fold` is rich's Text.wrap with overflow="fold" (rich/_wrap.py), on such text.
"""

from __future__ import annotations

import re

# (first, last, cells): ranges of code points rich gives the same width in every table.
_WIDTHS: tuple[tuple[int, int, int], ...] = (
    (0x0020, 0x007E, 1), (0x00A0, 0x00AC, 1), (0x00AE, 0x02FF, 1),  # Latin
    (0x0300, 0x036F, 0),  # combining diacritical marks
    (0x0370, 0x0377, 1), (0x037A, 0x037F, 1), (0x0384, 0x038A, 1), (0x038C, 0x038C, 1),
    (0x038E, 0x03A1, 1), (0x03A3, 0x0482, 1), (0x0483, 0x0486, 0), (0x0488, 0x0489, 0),
    (0x048A, 0x04FF, 1),  # Greek, Cyrillic
    # Arabic: letters and digits one cell, the vowel signs and Quranic marks none
    (0x0606, 0x060F, 1), (0x0610, 0x0615, 0), (0x061B, 0x061B, 1), (0x061D, 0x064A, 1),
    (0x064B, 0x065E, 0), (0x0660, 0x066F, 1), (0x0670, 0x0670, 0), (0x0671, 0x06D5, 1),
    (0x06D6, 0x06DC, 0), (0x06DF, 0x06E4, 0), (0x06E5, 0x06E6, 1), (0x06E7, 0x06E8, 0),
    (0x06E9, 0x06E9, 1), (0x06EA, 0x06ED, 0), (0x06EE, 0x06FF, 1),
    # punctuation, super- and subscripts, currency, letterlike, number forms, arrows, maths,
    # technical, box drawing, blocks and shapes
    (0x2010, 0x2027, 1), (0x2030, 0x205E, 1), (0x2070, 0x2071, 1), (0x2074, 0x208E, 1),
    (0x2090, 0x209C, 1), (0x20A0, 0x20C0, 1), (0x2100, 0x218B, 1), (0x2190, 0x2319, 1),
    (0x231C, 0x2328, 1), (0x2329, 0x232A, 2), (0x232B, 0x23E8, 1), (0x2500, 0x25FC, 1),
    # CJK punctuation, kana, ideographs, Hangul
    (0x3001, 0x3029, 2), (0x302A, 0x302F, 0), (0x3030, 0x303E, 2), (0x303F, 0x303F, 1),
    (0x3041, 0x3096, 2), (0x3099, 0x309A, 0), (0x309B, 0x30FF, 2), (0x4E00, 0x9FBB, 2),
    (0xAC00, 0xD7A3, 2),
    (0xE000, 0xE000, 1),  # the first private-use character: render/history.py's glue
    (0xFE70, 0xFE74, 1), (0xFE76, 0xFEFC, 1),  # Arabic presentation forms
    (0xFF01, 0xFF60, 2), (0xFFE0, 0xFFE6, 2),  # full-width forms
)


def _class(cells: int | None) -> str:
    return "[" + "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last, width in _WIDTHS
                         if cells is None or width == cells) + "]"


_KNOWN = re.compile(_class(None) + "*")
_ZERO = re.compile(_class(0))
_WIDE = re.compile(_class(2))
# One cell each: printable ASCII and Latin-1 (what almost every line is made of).
_ONE = re.compile("[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff]*")


def known_width(text: str) -> int | None:
    """The cells rich gives `text`, or None when a character's width is not one of `_WIDTHS`."""
    if _ONE.fullmatch(text):
        return len(text)
    if not _KNOWN.fullmatch(text):
        return None
    return len(text) - len(_ZERO.findall(text)) + len(_WIDE.findall(text))


def _char_width(char: str) -> int:
    return 0 if _ZERO.match(char) else 2 if _WIDE.match(char) else 1


_WORD = re.compile(r"\s*\S+\s*")
_TRAILING = re.compile(r"\s+$")


def fold(text: str, width: int) -> list[str] | None:
    """The lines of rich's `Text(text).wrap(console, width, overflow="fold")`, its justification
    left as it is: words moved whole to the next line, a word wider than the line folded, the
    spaces beyond the width dropped. What Console.print(soft_wrap=False, overflow="fold") writes,
    a line each. None when rich alone can tell (a character of unknown width, a line break, a
    character wider than the line)."""
    if "\n" in text or width < 1 or known_width(text) is None:
        return None
    breaks = _divide(text, width)
    lines = []
    for start, end in zip([0, *breaks], [*breaks, len(text)], strict=True):
        line = text[start:end]
        if len(line) > width:  # Text.rstrip_end: only the spaces beyond the width, by characters
            trailing = _TRAILING.search(line)
            if trailing is not None:
                line = line[:-min(len(trailing.group()), len(line) - width)]
        cells = _width(line)
        if cells > width:  # Text.truncate: cut at the width (what is left is spaces, or rich's)
            excess = cells - width
            if line[-excess:] != " " * excess:
                return None
            line = line[:-excess]
        lines.append(line)
    return lines


def _divide(text: str, width: int) -> list[int]:
    """The offsets where rich's divide_line breaks `text` (rich/_wrap.py)."""
    breaks: list[int] = []
    offset = 0
    position = 0
    while (match := _WORD.match(text, position)) is not None:
        start, position = match.span()
        word = match.group()
        length = _width(word.rstrip())
        if width - offset >= length:
            offset += _width(word)
        elif length > width:
            folded = _chop(word, width)
            for index, line in enumerate(folded):
                if start:
                    breaks.append(start)
                if index == len(folded) - 1:
                    offset = _width(line)
                else:
                    start += len(line)
        elif offset and start:
            breaks.append(start)
            offset = _width(word)
    return breaks


def _width(text: str) -> int:
    """The cells of a part of text whose width is known."""
    return known_width(text) or 0


def _chop(text: str, width: int) -> list[str]:
    """rich.cells.chop_cells: `text` cut into lines of at most `width` cells, between graphemes
    (a character of no width stays with the one before it)."""
    spans: list[list[int]] = []
    for index, char in enumerate(text):
        cells = _char_width(char)
        if cells or not spans:
            spans.append([index, index + 1, cells])
        else:
            spans[-1][1] = index + 1
    lines: list[str] = []
    size = offset = 0
    for start, _end, cells in spans:
        if size + cells > width:
            lines.append(text[offset:start])
            offset, size = start, 0
        size += cells
    if size:
        lines.append(text[offset:])
    return lines
