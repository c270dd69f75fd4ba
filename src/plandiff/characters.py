"""Characters that make text display differently from what it says (Trojan Source)."""

from __future__ import annotations

import re

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\u00ad\ufeff\u180e]")


def make_visible(text: str) -> str:
    """Text with bidirectional-control and invisible characters written out as ⟨U+202E⟩."""
    return INVISIBLE.sub(_named, BIDI.sub(_named, text))


def _named(match: re.Match[str]) -> str:
    return f"⟨U+{ord(match.group()):04X}⟩"


def hidden_characters(text: str) -> list[str]:
    """Names of the bidirectional-control and invisible characters in a text, for review."""
    found = {f"U+{ord(ch):04X}" for ch in BIDI.findall(text) + INVISIBLE.findall(text)}
    return sorted(found)
