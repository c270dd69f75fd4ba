"""Pure: the numbers a translation states that its English does not (a rendering that says
950,000 where the English and the terms say 800,000). Digits in either system count alike."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

# ASCII, Arabic-Indic and Eastern Arabic-Indic (Persian) digits; the Arabic decimal and thousands
# separators.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_NUMBER = re.compile(r"\d+(?:[,\u00a0\u202f ]\d{3})*(?:\.\d+)?")
_ANY_DIGIT = re.compile(r"\d")  # every number starts with one, before or after translation
# English number words, so that "ten years" matches "10 سنوات".
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
          "million": 1_000_000, "billion": 1_000_000_000, "first": 1, "second": 2, "third": 3,
          "fourth": 4, "fifth": 5, "half": 50, "dozen": 12, "once": 1, "twice": 2}
_WORD = re.compile(r"[a-z]+")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10}  # START I, World War II
_ROMAN_WORD = re.compile(r"\b(?:" + "|".join(sorted(_ROMAN, key=len, reverse=True)) + r")\b")
# A translation writes 800,000 as "800 ألف" and $100 billion as "100 مليار": a number also
# matches its English counterpart divided by a thousand, a million or a billion.
_SCALES = (Decimal(1), Decimal(1_000), Decimal(1_000_000), Decimal(1_000_000_000))


def numbers(text: str) -> list[tuple[str, Decimal]]:
    """Each number a text writes in digits (either system; grouped thousands read whole), as
    written and as a value."""
    # Most texts write no digit (translating them was half of checking a corpus's renderings),
    # and ASCII text has none to translate.
    if _ANY_DIGIT.search(text) is None:
        return []
    found = []
    for match in _NUMBER.finditer(text if text.isascii() else text.translate(_DIGITS)):
        written = match.group()
        try:
            found.append((written, Decimal(re.sub(r"[,\u00a0\u202f ]", "", written))))
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            continue
    return found


def _values(english: Iterable[str | None], values: Iterable[Any]) -> set[Decimal]:
    known: set[Decimal] = set()
    for text in english:
        if not text:
            continue
        known.update(value for _, value in numbers(text))
        known.update(Decimal(_WORDS[word]) for word in _WORD.findall(text.lower())
                     if word in _WORDS)
        known.update(Decimal(_ROMAN[word]) for word in _ROMAN_WORD.findall(text))
    for value in values:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                known.add(Decimal(str(value)))
            except InvalidOperation:  # inf, nan
                continue
        elif isinstance(value, str):
            known.update(number for _, number in numbers(value))
    return known


def unstated_numbers(translated: str, english: Iterable[str | None],
                     values: Iterable[Any] = ()) -> list[str]:
    """The numbers of `translated` (as written) that neither the English texts nor the values
    (a clause's terms, a position's value) state, at any scale of a thousand."""
    written_here = numbers(translated)
    if not written_here:  # most renderings: nothing to look for in the English
        return []
    known = _values(english, values)
    scaled = {value / scale for value in known for scale in _SCALES}
    return [written for written, value in written_here
            if value not in scaled and value.normalize() not in scaled]
