"""Characters that make text display differently from what it says: bidirectional controls
(Trojan Source), invisible characters, control characters that a terminal obeys, lone surrogates.
One definition, used by `check` (on decoded values), `review` (on added lines) and every view."""

from __future__ import annotations

import re
from typing import Literal

from plandiff.core.records import record

Severity = Literal["error", "warning"]

# The classes' patterns, compiled when first used (HIDDEN.search, hidden_characters.BIDI ...):
# compiling them took 2.5 ms of every command, and text that str.isprintable accepts (all of the
# corpus) needs none of them, since every character of every class is unprintable
# (tests/test_hostile_text.py checks each).
_PATTERNS = {
    "BIDI": "[\u202a-\u202e\u2066-\u2069]",
    "INVISIBLE": "[\u200b-\u200f\u2060-\u2064\u00ad\ufeff\u180e]",
    # C0 controls but tab and line feed, DEL, C1 (ESC starts ANSI sequences; CR rewrites a line;
    # NEL), and the Unicode line and paragraph separators, which some programs take for line breaks.
    "CONTROL": "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]",
    # Half of a UTF-16 pair on its own (a YAML `"\ud800"` escape): no character, and no UTF-8.
    "SURROGATE": "[\ud800-\udfff]",
    "HIDDEN": "[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060-\u2064\u00ad\ufeff\u180e"
              "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]",
    # Tab and line feed: fine in a paragraph (text, summary, note, quote), never in a one-line
    # field.
    "LINE_BREAKS": "[\t\n]",
}
# Either of the above: a string without any needs no closer look.
_PATTERNS["NOTABLE"] = _PATTERNS["HIDDEN"][:-1] + "\t\n]"
HIDDEN_CLASS = _PATTERNS["HIDDEN"]  # the class's pattern, for a module that extends it


def _compiled(name: str) -> re.Pattern[str]:
    found: re.Pattern[str] | None = globals().get(name)
    if found is None:
        found = globals()[name] = re.compile(_PATTERNS[name])
    return found


def __getattr__(name: str) -> re.Pattern[str]:
    """BIDI, INVISIBLE, CONTROL, SURROGATE, HIDDEN, LINE_BREAKS, NOTABLE: compiled on first use."""
    if name in _PATTERNS:
        return _compiled(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def make_visible(text: str, *, one_line: bool = False) -> str:
    """Text with every character of the classes above written out as ⟨U+202E⟩; tab and line feed
    stay, unless `one_line`. Idempotent; the one function every view calls before printing data."""
    if text.isprintable():  # no character of the classes, nor tab or line feed
        return text
    text = _compiled("HIDDEN").sub(_named, text)
    return _compiled("LINE_BREAKS").sub(_named, text) if one_line else text


def _named(match: re.Match[str]) -> str:
    return f"⟨U+{ord(match.group()):04X}⟩"


@record
class Finding:
    """One class of hidden character in a text: a problem code, its severity, what it is (naming
    every such character), why it matters, what to do, and where the first one is (0-based)."""

    code: str
    severity: Severity
    what: str  # "bidirectional control characters U+202E, U+2066"
    why: str  # "it can make text display differently from what it says", or ""
    hint: str
    offset: int


_CLASSES: tuple[tuple[str, str, Severity, str, str, str], ...] = (
    ("BIDI", "bidi-control", "error", "bidirectional control character",
     "it can make text display differently from what it says",
     "delete it; right-to-left text needs no control characters"),
    ("CONTROL", "control-character", "error", "control character",
     "a terminal obeys it, so it can move the cursor, erase lines and forge output",
     "delete it, or the escape that writes it (`\\e`, `\\r`, `\\x1b`, ...)"),
    ("SURROGATE", "lone-surrogate", "error", "lone surrogate",
     "half of a UTF-16 pair is no character and cannot be written as UTF-8",
     "delete the `\\ud800`-style escape, or write the character itself"),
    ("INVISIBLE", "invisible-character", "warning", "invisible character", "",
     "delete it unless the language needs it"),
)


def findings(text: str, *, one_line: bool = False) -> list[Finding]:
    """The hidden characters of a text, one finding per class. With `one_line`, tab and line feed
    count as control characters too (labels, units, titles, ids, URLs). Memory stays constant
    whatever the text's length: the distinct characters are found once, never one match per
    character (a line of 40 MB of NUL bytes cost gigabytes)."""
    if text.isprintable():  # no character of the classes, nor tab or line feed
        return []
    hidden = _compiled("HIDDEN")
    if not hidden.search(text) and not (one_line and _compiled("LINE_BREAKS").search(text)):
        return []
    distinct = set(text)
    first = {ch: text.find(ch) for ch in distinct
             if hidden.match(ch) or (one_line and ch in "\t\n")}
    found = []
    control = _compiled("CONTROL")
    for name, code, severity, noun, why, hint in _CLASSES:
        pattern = _compiled(name)
        chars = [ch for ch in first if pattern.match(ch)]
        if pattern is control and one_line:
            chars += [ch for ch in first if ch in "\t\n"]
            if chars and not any(control.match(ch) for ch in chars):
                hint = "write it on one line, without tabs"
        if not chars:
            continue
        chars.sort(key=first.__getitem__)
        names = [f"U+{ord(ch):04X}" for ch in chars]
        what = f"{noun}{'s' if len(names) > 1 else ''} {', '.join(names)}"
        found.append(Finding(code, severity, what, why, hint, first[chars[0]]))
    return found


# A source's `url`: one http(s) URL, with nothing a Markdown or HTML view could take for markup.
_WEB_URL = re.compile(r"https?://[^\s<>\"\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)


def is_web_url(text: str) -> bool:
    """True for one http(s) URL with a host: a single line without spaces, quotes, angle brackets
    or hidden characters. `check` refuses any other `url`, and views link only such URLs."""
    from urllib.parse import urlsplit

    if not _WEB_URL.fullmatch(text):
        return False
    if not text.isprintable() and _compiled("HIDDEN").search(text):
        return False
    try:
        parts = urlsplit(text)
        return bool(parts.hostname) and (parts.port is None or parts.port > 0)
    except ValueError:  # a port out of range, a malformed IPv6 address
        return False
