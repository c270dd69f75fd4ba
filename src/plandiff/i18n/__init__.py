"""The language plandiff's views speak: a `Locale` (gettext messages, CLDR numbers and dates, the
plan's names in the language, content marked where it falls back to English), passed to each view.

English is the default and costs nothing: `ENGLISH._` returns its message as it is and no catalog,
nor Babel, is loaded. `Locale.of("ar")` loads the compiled catalog of src/plandiff/locale/ with the
standard library's gettext; numbers and dates then come from CLDR: the common ones from
`plandiff.i18n.cldr` (Babel's output, proven equal by tests, without importing Babel), the rest
from Babel itself, imported only then.
A Locale is immutable: rendering one result twice with one Locale gives the same bytes, whatever
was rendered in between.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gettext import GNUTranslations

    from plandiff.core.problems import PlandiffError

DOMAIN = "plandiff"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
ENGLISH_CODE = "en"
LANGUAGES = ("en", "ar")  # English, and every language with a catalog under locale/
RTL = frozenset({"ar"})
DIGITS = ("latn", "arab")

_CATALOGS: dict[str, GNUTranslations] = {}  # compiled catalogs, read once (never changed)
_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
_NO_NAMES: Mapping[str, Any] = MappingProxyType({})


def normalize(lang: str | None) -> str:
    return (lang or ENGLISH_CODE).strip().lower().replace("_", "-") or ENGLISH_CODE


def unknown_language(lang: str) -> PlandiffError:
    from plandiff.core.problems import PlandiffError

    return PlandiffError(f"no messages in language {lang!r}",
                         f"use one of: {', '.join(LANGUAGES)} (--lang or PLANDIFF_LANG)")


def _catalog(lang: str) -> GNUTranslations:
    found = _CATALOGS.get(lang)
    if found is None:
        import gettext

        found = _CATALOGS[lang] = gettext.translation(DOMAIN, localedir=str(LOCALE_DIR),
                                                      languages=[lang])
    return found


class Locale:
    """A language to render in: its code, its digits ('latn' 0-9 or 'arab' ٠-٩) and the plan's
    names (its term registry and its parties, from plans/positions.yaml) to translate labels,
    choices and parties with. Immutable; `with_plan` gives a new one."""

    __slots__ = ("_catalog", "digits", "lang", "positions", "terms")
    lang: str
    digits: str
    terms: Mapping[str, Any]
    positions: Any
    _catalog: GNUTranslations | None

    def __init__(self, lang: str = ENGLISH_CODE, digits: str = "latn", *,
                 terms: Mapping[str, Any] | None = None, positions: Any = None) -> None:
        base = lang if lang in LANGUAGES else normalize(lang).split("-")[0]
        if base not in LANGUAGES:
            raise unknown_language(normalize(lang))
        if digits not in DIGITS:
            from plandiff.core.problems import PlandiffError

            raise PlandiffError(f"unknown digits {digits!r}", "use latn (0-9) or arab (٠-٩)")
        set_ = object.__setattr__
        set_(self, "lang", base)
        set_(self, "digits", digits)
        set_(self, "terms", MappingProxyType(dict(terms)) if terms else _NO_NAMES)
        set_(self, "positions", positions)
        set_(self, "_catalog", None if base == ENGLISH_CODE else _catalog(base))

    @classmethod
    def of(cls, lang: str | None = None, digits: str | None = None) -> Locale:
        """`lang` ('en' or a language under locale/; 'ar-eg' finds 'ar') with `digits` 'latn'
        (the default) or 'arab'. Raises PlandiffError for a language with no catalog or unknown
        digits."""
        return cls(normalize(lang), (digits or "latn").strip().lower())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Locale is immutable ({name})")

    def __repr__(self) -> str:
        return f"Locale({self.lang!r}, {self.digits!r})"

    def with_plan(self, plan: Any) -> Locale:
        """This language with the plan's term registry and parties, to name them in it."""
        return Locale(self.lang, self.digits, terms=plan.terms,
                      positions=getattr(plan, "positions", None))

    def with_terms(self, terms: Mapping[str, Any], positions: Any = None) -> Locale:
        """This language with a term registry and, when given, the parties' names (a diff
        carries its own)."""
        if self.english:
            return self
        return Locale(self.lang, self.digits, terms=terms,
                      positions=self.positions if positions is None else positions)

    # --- the language ---------------------------------------------------------------------

    @property
    def english(self) -> bool:
        return self._catalog is None

    @property
    def rtl(self) -> bool:
        return self.lang in RTL

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    def _(self, message: str) -> str:
        """`message` in this language (itself in English)."""
        catalog = self._catalog
        return message if catalog is None else catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        catalog = self._catalog
        if catalog is None:
            return singular if count == 1 else plural
        return catalog.ngettext(singular, plural, count)

    def npgettext(self, context: str, singular: str, plural: str, count: int) -> str:
        """A counted message that means different things in different places (a unit, a
        currency)."""
        catalog = self._catalog
        if catalog is None:
            return singular if count == 1 else plural
        return catalog.npgettext(context, singular, plural, count)

    def pgettext(self, context: str, message: str) -> str:
        """A message that means different things in different places (a change kind, a status)."""
        catalog = self._catalog
        return message if catalog is None else catalog.pgettext(context, message)

    # --- numbers and dates: English's own, else CLDR's through Babel -------------------------

    def number(self, value: float) -> str:
        """600000 -> '600,000'; 33.333 -> '33.33' (in the language's symbols and digits)."""
        # Every decimal the value states (19.004 stays 19.004), none it does not.
        places = 0
        if isinstance(value, float) and not value.is_integer():
            from decimal import Decimal

            exponent = Decimal(repr(value)).as_tuple().exponent
            places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        if self.english:
            if places:
                from decimal import Decimal

                return format(Decimal(repr(value)), ",f")
            return f"{int(value):,}"
        from plandiff.i18n import cldr

        pattern = "#,##0." + "#" * places if places else "#,##0"
        text = cldr.decimal(value, pattern, self.lang, self.digits)
        if text is None:
            from babel.numbers import format_decimal

            text = format_decimal(value, format=pattern, locale=self.lang,
                                  numbering_system=self.digits)
        # Babel gives the numbering system's symbols (٬ ٫) but leaves the digits Western.
        return self.digits_in(text)

    def percent(self, value: float, *, places: int = 1) -> str:
        """33.3 (already a percentage) -> '33.3%'."""
        if self.english:
            return f"{value:.{places}f}%"
        from plandiff.i18n import cldr

        pattern = "#,##0." + "0" * places + "%" if places else "#,##0%"
        text = cldr.percent(value / 100, pattern, self.lang, self.digits)
        if text is None:
            from babel.numbers import format_percent

            text = format_percent(value / 100, format=pattern, locale=self.lang,
                                  numbering_system=self.digits)
        return self.digits_in(text)

    def percent_sign(self) -> str:
        """'%', or the Arabic percent sign ٪ (U+066A) beside Arabic-Indic digits (Babel keeps
        '%')."""
        return "\u066a" if self.digits == "arab" else "%"

    def count(self, value: int) -> str:
        """A count as written in running text: '5' (in the language's digits)."""
        return self.digits_in(str(value))

    def date(self, value: dt.date) -> str:
        """A date as the language writes it: '2025-11-20' in English, '20 نوفمبر 2025'."""
        if self.english:
            return value.isoformat()
        from plandiff.i18n import cldr

        text = cldr.long_date(value, self.lang)
        if text is None:
            from babel.dates import format_date

            text = format_date(value, format="long", locale=self.lang)
        return self.digits_in(text)

    def digits_in(self, text: str) -> str:
        """`text` with Western digits turned Arabic-Indic when so asked (ids and URLs never pass
        here, only plandiff's own numbers)."""
        if self.digits != "arab":
            return text
        # A number in a translated text keeps no Latin separators: «٦٠٠٬٠٠٠», «٣٢٫١».
        return re.sub(_SEPARATORS, lambda m: _ARABIC_SEPARATOR[m.group(0)],
                      text.translate(_ARABIC_INDIC))

    def and_list(self, items: Sequence[str]) -> str:
        """Items joined as the language lists them: 'Ukraine, the US and Russia'. Arabic says
        «و» before every item after the first («أوكرانيا والولايات المتحدة وروسيا»), joined to an
        Arabic word and spaced before anything else («النسخة v28 و geneva»): a clitic never
        joins a Latin id, a digit or a mark (glossary §1)."""
        items = list(items)
        if len(items) < 2:
            return "".join(items)
        if self.lang == "ar":
            return " ".join([items[0], *(
                ("و" if item[:1] and "\u0621" <= item[0] <= "\u064a" else "و ") + item
                for item in items[1:])])
        return self._("{names} and {last}").format(names=self._(", ").join(items[:-1]),
                                                   last=items[-1])

    def currency_symbol(self, code: str) -> str:
        """'$' for USD in English (an unknown code is written before the amount, 'CHF '); CLDR's
        symbol in another language."""
        if self.english:
            return _CURRENCY_SYMBOLS.get(code) or f"{code} "
        from plandiff.i18n import cldr

        symbol = cldr.currency_symbol(code, self.lang)
        if symbol is None:
            from babel.numbers import get_currency_symbol

            symbol = str(get_currency_symbol(code, locale=self.lang))
        return symbol

    def unit_for(self, unit: str, value: float) -> str:
        """A unit after its number: English drops the plural's s after 1 ('1 day')."""
        if self.english and value == 1 and unit.endswith("s"):
            return unit[:-1]
        return unit

    def quote_language_name(self, code: str | None) -> str:
        """'English' for 'en', in this language (a quote's label)."""
        import re

        # Nothing but a language code reaches a view (check refuses any other `language:`).
        if not code or not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,4}", code):
            return self._("unknown language")
        from plandiff.i18n import cldr

        name = cldr.language_name(code, self.lang)
        if name is not None:
            return name
        from babel import Locale as CLDR

        try:
            return str(CLDR.parse(code).get_display_name(self.lang) or code)
        except Exception:  # an odd code in a plan file: show it as written
            return code

    # --- plan content: the translation, or the English marked as English ---------------------
    # Views never show a fallback silently: `plain` prefixes the English with a badge
    # ("[بالإنجليزية]"). Quotes never pass here: they are shown as written, with their language.

    def badge(self) -> str:
        return self._("[in English]")

    def field(self, obj: Any, name: str) -> tuple[str | None, bool]:
        """(text, shown_as_asked): the translation, or the English with False when this is not
        English and there is none. In English: (the English, True)."""
        if self.english:
            return getattr(obj, name, None), True
        from plandiff.core.translations import translated  # only for another language

        return self._own_digits(*translated(obj, name, self.lang))

    def outlet_of(self, source: Any) -> tuple[str | None, bool]:
        """A source's outlet as `field` gives it, but as written: a name keeps its digits, as ids
        and addresses do («112.ua», «القناة 24 (24tv.ua)» with `--digits arab` too)."""
        if self.english:
            return source.outlet, True
        from plandiff.core.translations import translated  # only for another language

        name, ok = translated(source, "outlet", self.lang)
        if not ok and self.rtl and name and re.search(_RIGHT_TO_LEFT, name):
            return name, True  # written in the edition's script already: not English
        return name, ok

    def _own_digits(self, text: str | None, ok: bool) -> tuple[str | None, bool]:
        """A translation speaks the edition's digits (one digit system per line: «خطة النقاط
        الـ٢٨» beside «٢٠ نوفمبر»); the English shown in its place keeps its own."""
        return (self.digits_in(text) if ok and text else text), ok

    def plain(self, text: str | None, ok: bool) -> str:
        """Text for a plain-text view (the terminal), the English badged."""
        if not text:
            return text or ""
        return text if ok else f"{self.badge()} {text}"

    def in_english(self, text: str | None) -> str:
        """Plan text that exists only in English (a clause's text in a history), for a plain-text
        view: badged in another language."""
        return self.plain(text, self.english)

    def plain_field(self, obj: Any, name: str) -> str:
        return self.plain(*self.field(obj, name))

    def party(self, code: str, english_name: str) -> str:
        """A party's name in this language, the English badged where it has none."""
        if self.english:
            return english_name
        if self.positions is None:
            return self.plain(english_name, False)
        from plandiff.core.translations import translated_party

        name, ok = self._own_digits(*translated_party(self.positions, code, self.lang))
        return self.plain(name or english_name, ok)

    def party_code(self, code: str) -> str:
        """A version's party as its file writes it ('US', 'DE') in English; in another language
        the party's name (plans/positions.yaml), else the country's (CLDR: «ألمانيا»), else the
        code."""
        if self.english:
            return code
        if self.positions is not None:
            from plandiff.core.translations import translated_party

            name, ok = translated_party(self.positions, code, self.lang)
            if ok and name:
                return self.digits_in(name)
        from plandiff.i18n import cldr

        name = cldr.territory_name(code.upper(), self.lang)
        if name is not None:
            return name
        from babel import Locale as CLDR

        return str(CLDR.parse(self.lang).territories.get(code.upper()) or code)

    def term_label(self, term_id: str, english_label: str) -> tuple[str, bool]:
        if self.english:
            return english_label, True
        term = self.terms.get(term_id)
        if term is None:
            return english_label, False
        text, ok = self.field(term, "label")
        return (text or english_label), ok

    def term_unit(self, term_id: str, english_unit: str | None) -> tuple[str | None, bool]:
        if self.english or not english_unit:
            return english_unit, True
        term = self.terms.get(term_id)
        if term is None:
            return english_unit, False
        return self.field(term, "unit")

    def choice(self, term_id: str, key: str, english_label: str | None
               ) -> tuple[str | None, bool]:
        if self.english:
            return english_label, True
        term = self.terms.get(term_id)
        if term is None:
            return english_label, False
        from plandiff.core.translations import translated_choice

        return self._own_digits(*translated_choice(term, key, self.lang))

    def _registered(self, term: Any) -> Any:
        """The Term itself (it carries its translations), or the registered one of a
        TermChange."""
        if hasattr(term, "translations"):
            return term
        return self.terms.get(getattr(term, "term", ""))

    def unit_of(self, term: Any) -> tuple[str | None, bool]:
        found = self._registered(term)
        if self.english or found is None:
            return term.unit, self.english
        return self.field(found, "unit")

    def choice_of(self, term: Any, key: str, english_label: str | None
                  ) -> tuple[str | None, bool]:
        found = self._registered(term)
        if self.english or found is None:
            return english_label, self.english
        from plandiff.core.translations import translated_choice

        return self._own_digits(*translated_choice(found, key, self.lang))

    def label_of(self, term: Any, english_label: str) -> tuple[str, bool]:
        found = self._registered(term)
        if self.english or found is None:
            return english_label, self.english
        text, ok = self.field(found, "label")
        return (text or english_label), ok


def plural_count(value: float) -> int:
    """The count that picks a plural form for `value`: itself when whole; a fraction takes CLDR's
    "other" form (1.5 مليار), which 100 selects in every language plandiff speaks."""
    if isinstance(value, int) or float(value).is_integer():
        return abs(int(value))
    return 100


# A letter of a right-to-left script: an outlet already written in it is not English. This and
# _SEPARATORS are compiled by `re` when first used: an English run needs neither.
_RIGHT_TO_LEFT = "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]"
# Babel's Arabic-Indic symbols (٬ ٫) come with a Latin percent sign and, for the sign, marks.
_SEPARATORS = r"(?<=[٠-٩])[,.](?=[٠-٩])"
_ARABIC_SEPARATOR = {",": "\u066c", ".": "\u066b"}
_ARABIC_INDIC = str.maketrans({**{str(d): "٠١٢٣٤٥٦٧٨٩"[d] for d in range(10)}, "%": "\u066a"})

ENGLISH = Locale()

