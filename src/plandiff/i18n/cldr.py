"""Babel's own output for the common dates and numbers of the languages plandiff ships, without
importing Babel (which costs an Arabic command about 25 ms: its modules, then CLDR's pickles).

Babel stays the source of truth: each function here returns exactly what the Babel call named in
its docstring returns, or None for anything it is not sure of (negative numbers, exponents, other
patterns, codes and languages not in the table), and the caller then asks Babel as before.

The table is written here rather than generated into a data file: it is a few dozen strings a
reviewer can read (a month name, a pattern, two symbols), and a Python literal costs nothing to
load. tests/test_cldr.py checks every entry against the installed Babel (each month, the long date
pattern, both numbering systems' symbols, each name and symbol) and, with hypothesis, that every
function gives Babel's output or None; a Babel whose data differ fails those tests. The table is
used only with the Babel versions it was checked against (`CHECKED_BABEL`, read from Babel's
`__init__.py` without importing it): with any other Babel, every function returns None.
"""

from __future__ import annotations

import datetime as dt
import re

# The Babel versions whose data the table below was checked against (tests/test_cldr.py).
CHECKED_BABEL = ("2.19.0",)

# babel.dates.get_date_format("long", lang).pattern, and its month names:
# Locale.parse(lang).months["format"]["wide"][1..12].
_LONG_DATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ar": ("d MMMM y", ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
                        "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")),
}

# (language, numbering system): (decimal symbol, group symbol), as
# babel.numbers.get_decimal_symbol and get_group_symbol give them.
_SYMBOLS: dict[tuple[str, str], tuple[str, str]] = {
    ("ar", "latn"): (".", ","),
    ("ar", "arab"): ("\u066b", "\u066c"),  # ٫ ٬
}

# babel.Locale.parse(code).get_display_name(lang): the languages a quote is in (the corpus's,
# and the languages most often quoted beside them).
_LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "ar": {
        "ar": "العربية", "de": "الألمانية", "en": "الإنجليزية", "es": "الإسبانية",
        "fa": "الفارسية", "fr": "الفرنسية", "he": "العبرية", "is": "الأيسلندية",
        "it": "الإيطالية", "ja": "اليابانية", "lv": "اللاتفية", "pl": "البولندية",
        "ru": "الروسية", "tr": "التركية", "uk": "الأوكرانية", "zh": "الصينية",
    },
}

# babel.Locale.parse(lang).territories.get(code): the parties of the corpus's versions and their
# neighbours in the talks.
_TERRITORIES: dict[str, dict[str, str]] = {
    "ar": {
        "AE": "الإمارات العربية المتحدة", "CN": "الصين", "DE": "ألمانيا",
        "EG": "مصر", "EU": "الاتحاد الأوروبي", "FR": "فرنسا", "GB": "المملكة المتحدة",
        "IT": "إيطاليا", "PL": "بولندا", "QA": "قطر", "RU": "روسيا",
        "SA": "المملكة العربية السعودية", "TR": "تركيا", "UA": "أوكرانيا",
        "US": "الولايات المتحدة",
    },
}

# babel.numbers.get_currency_symbol(code, lang) (the code itself where CLDR has no symbol).
_CURRENCY_SYMBOLS: dict[str, dict[str, str]] = {
    "ar": {"CHF": "CHF", "EUR": "€", "GBP": "UK£", "RUB": "RUB", "UAH": "UAH", "USD": "US$"},
}

_MAX_WHOLE_DIGITS = 15  # numbers below 10**15, the range the tests cover
_MAX_PLACES = 10  # with the whole digits, well inside Decimal's 28 digits (no InvalidOperation)
_DATE_FIELD = re.compile(r"([A-Za-z])\1*|[^A-Za-z']+")  # a field, or literal text
_babel_checked: bool | None = None  # whether the installed Babel is one CHECKED_BABEL names


def babel_checked() -> bool:
    """Whether the Babel installed is one the table was checked against, read from its
    `__init__.py` (found as `import` would find it) without importing it. Read once."""
    global _babel_checked
    if _babel_checked is None:
        _babel_checked = _installed_babel() in CHECKED_BABEL
    return _babel_checked


def _installed_babel() -> str | None:
    import importlib.util

    try:
        spec = importlib.util.find_spec("babel")
        if spec is None or not spec.origin:
            return None
        with open(spec.origin, encoding="utf-8") as stream:
            found = re.search(r"^__version__ = ['\"]([^'\"]+)['\"]", stream.read(), re.M)
    except (OSError, ValueError, ImportError):
        return None
    return found.group(1) if found else None


def long_date(value: dt.date, lang: str) -> str | None:
    """`babel.dates.format_date(value, format="long", locale=lang)` for a date (not a
    datetime)."""
    entry = _LONG_DATES.get(lang)
    if entry is None or type(value) is not dt.date or not babel_checked():
        return None
    pattern, months = entry
    fields = [field.group(0) for field in _DATE_FIELD.finditer(pattern)]
    if "".join(fields) != pattern:
        return None  # a quoted literal: left to Babel
    parts = []
    for text in fields:
        if text == "d":  # Babel: '%0*d' % (1, day)
            parts.append(str(value.day))
        elif text == "MMMM":  # the wide month name, in the format context
            parts.append(months[value.month - 1])
        elif text == "y":  # '%0*d' % (1, year): the year as it is, any number of digits
            parts.append(str(value.year))
        elif text[0].isalpha():
            return None  # a field Babel knows and this does not
        else:
            parts.append(text)
    return "".join(parts)


def decimal(value: float, pattern: str, lang: str, numbering_system: str) -> str | None:
    """`babel.numbers.format_decimal(value, format=pattern, locale=lang,
    numbering_system=numbering_system)` for an int or float >= 0 below 10**15 and a pattern
    "#,##0", "#,##0.##" (up to ten #) or "#,##0.00" (zeros, then #)."""
    places = _places(pattern, "")
    return None if places is None else _apply(value, *places, 0, lang, numbering_system)


def percent(value: float, pattern: str, lang: str, numbering_system: str) -> str | None:
    """`babel.numbers.format_percent(value, format=pattern, locale=lang,
    numbering_system=numbering_system)` for a pattern "#,##0%" or "#,##0.0%" (a literal percent
    sign, which Babel keeps as written)."""
    places = _places(pattern, "%")
    if places is None:
        return None
    number = _apply(value, *places, 2, lang, numbering_system)
    return None if number is None else number + "%"


def language_name(code: str, lang: str) -> str | None:
    """`babel.Locale.parse(code).get_display_name(lang)`: a language's name in `lang`."""
    names = _LANGUAGE_NAMES.get(lang)
    if names is None or code not in names or not babel_checked():
        return None
    return names[code]


def territory_name(code: str, lang: str) -> str | None:
    """`babel.Locale.parse(lang).territories.get(code)`: a country's name in `lang`."""
    names = _TERRITORIES.get(lang)
    if names is None or code not in names or not babel_checked():
        return None
    return names[code]


def currency_symbol(code: str, lang: str) -> str | None:
    """`babel.numbers.get_currency_symbol(code, locale=lang)`."""
    symbols = _CURRENCY_SYMBOLS.get(lang)
    if symbols is None or code not in symbols or not babel_checked():
        return None
    return symbols[code]


def _places(pattern: str, suffix: str) -> tuple[int, int] | None:
    """The (fewest, most) decimal places of a pattern "#,##0" + ("." zeros then #s) + suffix, as
    Babel's parse_pattern reads them; None for any other pattern."""
    if not pattern.startswith("#,##0") or not pattern.endswith(suffix):
        return None
    fraction = pattern[5:len(pattern) - len(suffix)]
    if not fraction:
        return 0, 0
    if fraction[0] != "." or len(fraction) > _MAX_PLACES + 1:
        return None
    fraction = fraction[1:]
    hashes = fraction.lstrip("0")
    if hashes.strip("#"):
        return None
    return len(fraction) - len(hashes), len(fraction)


def _apply(value: float, fewest: int, most: int, scale: int, lang: str,
           numbering_system: str) -> str | None:
    """Babel's NumberPattern.apply for a pattern grouped by threes with `fewest` to `most`
    decimal places, the value moved `scale` places left (a percentage): the decimal written by
    str(value), rounded half to even, as Decimal.quantize rounds it."""
    symbols = _SYMBOLS.get((lang, numbering_system))
    if symbols is None or type(value) not in (int, float) or not babel_checked():
        return None
    text = str(value)  # what Babel turns into a Decimal
    if not text.replace(".", "", 1).isdigit() or not text.isascii():
        return None  # negative (-0.0 too), an exponent, inf or nan
    whole, _, fraction = text.partition(".")
    digits = whole + fraction + "0" * scale
    point = len(whole) + scale
    whole, fraction = digits[:point].lstrip("0"), digits[point:]
    if len(whole) > _MAX_WHOLE_DIGITS:
        return None
    kept, dropped = fraction[:most], fraction[most:].rstrip("0")
    number = int((whole or "0") + kept.ljust(most, "0"))  # the value times 10**most
    if dropped and (dropped > "5" or (dropped == "5" and number % 2)):
        number += 1  # more than half, or half and odd: to the even neighbour
    whole, fraction = divmod(number, 10 ** most)
    decimal, group = symbols
    text = str(whole)
    grouped = text[-3:]
    for end in range(len(text) - 3, 0, -3):
        grouped = text[max(0, end - 3):end] + group + grouped
    places = str(fraction).rjust(most, "0") if most else ""
    places = places[:fewest] + places[fewest:].rstrip("0")
    if not places:  # none asked for, or only zeros where none are required
        return grouped
    return grouped + decimal + places
