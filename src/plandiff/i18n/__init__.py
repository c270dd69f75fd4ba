"""The language plandiff's views speak: gettext messages, CLDR numbers and dates, marked content.

English is the default and costs nothing: `_` returns its message as it is and no catalog, nor
Babel, is loaded. `activate("ar")` (the CLI does it for `--lang` and PLANDIFF_LANG) loads the
compiled catalog of src/plandiff/locale/ with the standard library's gettext; numbers and dates
then come from Babel (CLDR), imported only then.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gettext import GNUTranslations

    from plandiff.core.problems import PlandiffError

DOMAIN = "plandiff"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
ENGLISH = "en"
LANGUAGES = ("en", "ar")  # English, and every language with a catalog under locale/
RTL = frozenset({"ar"})
DIGITS = ("latn", "arab")


class _State:
    lang: str = ENGLISH
    digits: str = "latn"
    catalog: GNUTranslations | None = None


_state = _State()


def normalize(lang: str | None) -> str:
    return (lang or ENGLISH).strip().lower().replace("_", "-") or ENGLISH


def unknown_language(lang: str) -> PlandiffError:
    from plandiff.core.problems import PlandiffError

    return PlandiffError(f"no messages in language {lang!r}",
                         f"use one of: {', '.join(LANGUAGES)} (--lang or PLANDIFF_LANG)")


def activate(lang: str | None = None, digits: str | None = None) -> None:
    """Speak `lang` from now on ('en' or a language under locale/; 'ar-eg' finds 'ar'), with
    `digits` 'latn' (0-9, the default) or 'arab' (٠-٩). Raises PlandiffError for a language with
    no catalog or unknown digits."""
    code = normalize(lang)
    base = code.split("-")[0]
    if base not in LANGUAGES:
        raise unknown_language(code)
    shape = (digits or "latn").strip().lower()
    if shape not in DIGITS:
        from plandiff.core.problems import PlandiffError

        raise PlandiffError(f"unknown digits {digits!r}", "use latn (0-9) or arab (٠-٩)")
    _state.digits = shape
    if base == ENGLISH:
        _state.lang, _state.catalog = ENGLISH, None
        return
    import gettext

    _state.catalog = gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[base])
    _state.lang = base


@contextlib.contextmanager
def speaking(lang: str | None, digits: str | None = None) -> Iterator[None]:
    """Speak `lang` inside the block, then the language spoken before (the site's twins)."""
    saved = (_state.lang, _state.digits, _state.catalog)
    activate(lang, digits)
    try:
        yield
    finally:
        _state.lang, _state.digits, _state.catalog = saved


def deactivate() -> None:
    """Back to English, Western digits."""
    _state.lang, _state.digits, _state.catalog = ENGLISH, "latn", None


def language() -> str:
    return _state.lang


def english() -> bool:
    return _state.catalog is None


def rtl() -> bool:
    return _state.lang in RTL


def direction() -> str:
    return "rtl" if rtl() else "ltr"


def _(message: str) -> str:
    """`message` in the active language (itself in English)."""
    catalog = _state.catalog
    return message if catalog is None else catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    catalog = _state.catalog
    if catalog is None:
        return singular if count == 1 else plural
    return catalog.ngettext(singular, plural, count)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """A counted message that means different things in different places (a unit, a currency)."""
    catalog = _state.catalog
    if catalog is None:
        return singular if count == 1 else plural
    return catalog.npgettext(context, singular, plural, count)


def plural_count(value: float) -> int:
    """The count that picks a plural form for `value`: itself when whole; a fraction takes CLDR's
    "other" form (1.5 مليار), which 100 selects in every language plandiff speaks."""
    if isinstance(value, int) or float(value).is_integer():
        return abs(int(value))
    return 100


def pgettext(context: str, message: str) -> str:
    """A message that means different things in different places (a change kind, a status)."""
    catalog = _state.catalog
    return message if catalog is None else catalog.pgettext(context, message)


# Numbers and dates: CLDR's, through Babel, only when not English (English keeps its own).


def number(value: float) -> str:
    """600000 -> '600,000' (in the active language's symbols and digits)."""
    from babel.numbers import format_decimal

    # Every decimal the value states (19.004 stays 19.004), none it does not.
    places = 0
    if isinstance(value, float) and not value.is_integer():
        from decimal import Decimal

        exponent = Decimal(repr(value)).as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = "#,##0." + "#" * places if places else "#,##0"
    # Babel gives the numbering system's symbols (٬ ٫) but leaves the digits Western.
    return digits(format_decimal(value, format=pattern, locale=_state.lang,
                                 numbering_system=_state.digits))


def percent(value: float, *, places: int = 1) -> str:
    """33.3 (already a percentage) -> '33.3%'."""
    from babel.numbers import format_percent

    pattern = "#,##0." + "0" * places + "%" if places else "#,##0%"
    return digits(format_percent(value / 100, format=pattern, locale=_state.lang,
                                 numbering_system=_state.digits))


def percent_sign() -> str:
    """'%', or the Arabic percent sign ٪ (U+066A) beside Arabic-Indic digits (Babel keeps '%')."""
    return "\u066a" if _state.digits == "arab" else "%"


def date(value: dt.date) -> str:
    """A date as the language writes it: '20 نوفمبر 2025'."""
    from babel.dates import format_date

    return digits(format_date(value, format="long", locale=_state.lang))


def digits(text: str) -> str:
    """`text` with Western digits turned Arabic-Indic when so asked (ids and URLs never pass
    here, only plandiff's own numbers)."""
    if _state.digits != "arab":
        return text
    return text.translate(_ARABIC_INDIC)


# Babel's Arabic-Indic symbols (٬ ٫) come with a Latin percent sign and, for the sign, marks.
_ARABIC_INDIC = str.maketrans({**{str(d): "٠١٢٣٤٥٦٧٨٩"[d] for d in range(10)}, "%": "\u066a"})


def currency_symbol(code: str) -> str:
    from babel.numbers import get_currency_symbol

    return str(get_currency_symbol(code, locale=_state.lang))


def quote_language_name(code: str | None) -> str:
    """'English' for 'en', in the active language (a quote's label)."""
    import re

    # Nothing but a language code reaches a view (check refuses any other `language:`).
    if not code or not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,4}", code):
        return _("unknown language")
    from babel import Locale

    try:
        return str(Locale.parse(code).get_display_name(_state.lang) or code)
    except Exception:  # an odd code in a plan file: show it as written
        return code
