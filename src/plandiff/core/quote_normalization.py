"""Text normalisation for quote verification, as the contract defines it."""

from __future__ import annotations

import re
import unicodedata

# Arabic harakat, Quranic marks, superscript alef; tatweel is removed as well.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_TRANSLATION = str.maketrans(
    {
        "\u0623": "\u0627",  # alef with hamza above
        "\u0625": "\u0627",  # alef with hamza below
        "\u0622": "\u0627",  # alef with madda
        "\u0671": "\u0627",  # alef wasla
        "\u0649": "\u064a",  # alef maksura -> ya
        "\u06cc": "\u064a",  # Farsi ya
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2039": "'",
        "\u203a": "'",
        "\u2032": "'",
        "\u02bc": "'",  # the Ukrainian apostrophe (сімʼя), often typed as ' or ’
    }
)
_WHITESPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold a text so that a quote and its source compare equal despite cosmetic variants."""
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text)
    text = text.translate(_TRANSLATION)
    return _WHITESPACE.sub(" ", text).strip()


def quote_occurs(quote: str, normalized_source: str) -> bool:
    """True when the quote, normalised, occurs in an already normalised source text."""
    needle = normalize(quote)
    return bool(needle) and needle in normalized_source
