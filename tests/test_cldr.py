"""plandiff.i18n.cldr: Babel's output for the common dates and numbers without importing Babel
(issue 25). Its table equals the installed Babel's data, each function gives exactly Babel's
output or None, and the Arabic views on the corpus import no Babel at all."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import babel
import pytest
from babel import Locale as CLDR
from babel.dates import format_date, get_date_format
from babel.numbers import (
    format_decimal,
    format_percent,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
)
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import REPO
from plandiff.i18n import DIGITS, LANGUAGES, Locale, cldr

SHIPPED = [lang for lang in LANGUAGES if lang != "en"]  # every language with a catalog
EDITIONS = [(lang, digits) for lang in SHIPPED for digits in DIGITS]
LIMIT = 10**15  # the numbers cldr covers are below this


@contextmanager
def babel_only() -> Iterator[None]:
    """Every cldr function returning None: the Locale asks Babel, as it did before cldr."""
    kept = cldr._babel_checked
    cldr._babel_checked = False
    try:
        yield
    finally:
        cldr._babel_checked = kept


# --- the table is Babel's data --------------------------------------------------------------

def test_the_installed_babel_is_one_the_table_was_checked_against() -> None:
    # A new Babel: run this file; if the tests below pass, add its version to CHECKED_BABEL.
    assert cldr._installed_babel() == babel.__version__
    assert babel.__version__ in cldr.CHECKED_BABEL
    assert cldr.babel_checked()


def test_every_shipped_language_has_its_dates_and_numbers_in_the_table() -> None:
    assert set(cldr._LONG_DATES) == set(SHIPPED)
    assert set(cldr._SYMBOLS) == set(EDITIONS)


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_long_date_pattern_and_every_month_are_babels(lang: str) -> None:
    pattern, months = cldr._LONG_DATES[lang]
    assert pattern == get_date_format("long", locale=lang).pattern
    wide = CLDR.parse(lang).months["format"]["wide"]
    assert months == tuple(wide[month] for month in range(1, 13))


@pytest.mark.parametrize(("lang", "digits"), EDITIONS)
def test_the_symbols_of_both_numbering_systems_are_babels(lang: str, digits: str) -> None:
    assert cldr._SYMBOLS[lang, digits] == (get_decimal_symbol(lang, numbering_system=digits),
                                           get_group_symbol(lang, numbering_system=digits))


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_name_and_symbol_in_the_table_is_babels(lang: str) -> None:
    for code, name in cldr._LANGUAGE_NAMES[lang].items():
        assert name == CLDR.parse(code).get_display_name(lang), code
        assert Locale(lang).quote_language_name(code) == name
    territories = CLDR.parse(lang).territories
    for code, name in cldr._TERRITORIES[lang].items():
        assert name == territories.get(code), code
    for code, symbol in cldr._CURRENCY_SYMBOLS[lang].items():
        assert symbol == get_currency_symbol(code, locale=lang), code


def test_the_corpus_languages_and_parties_are_in_the_table() -> None:
    """What the corpus's quotes and versions name is formatted without Babel."""
    import re

    text = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "plans").glob("*.yaml"))
    languages = set(re.findall(r"\blanguage: *([a-z]{2,3})\b", text))
    parties = {party for found in re.findall(r"^parties: *\[([^\]]*)\]", text, re.M)
               for party in re.split(r", *", found) if party}
    assert languages and parties
    for lang in SHIPPED:
        assert languages <= set(cldr._LANGUAGE_NAMES[lang])
        assert parties <= set(cldr._TERRITORIES[lang])


# --- each function gives Babel's output ----------------------------------------------------------

@settings(max_examples=400)
@given(day=st.dates())
@example(day=dt.date(1, 1, 1))
@example(day=dt.date(9999, 12, 31))
@example(day=dt.date(2025, 11, 20))
def test_a_long_date_is_babels_for_every_day_of_every_year(day: dt.date) -> None:
    for lang in SHIPPED:
        fast = cldr.long_date(day, lang)
        assert fast is not None
        assert fast == format_date(day, format="long", locale=lang)


def test_a_datetime_and_an_unknown_language_are_left_to_babel() -> None:
    assert cldr.long_date(dt.datetime(2025, 11, 20, 12), "ar") is None  # type: ignore[arg-type]
    assert cldr.long_date(dt.date(2025, 11, 20), "fr") is None
    assert cldr.decimal(5, "#,##0", "fr", "latn") is None
    assert cldr.decimal(5, "#,##0", "ar", "deva") is None


@settings(max_examples=400)
@given(value=st.integers(0, LIMIT - 1), places=st.integers(0, 3))
@example(value=0, places=0)
@example(value=999, places=0)
@example(value=1000, places=0)
@example(value=LIMIT - 1, places=2)
def test_a_whole_number_is_babels(value: int, places: int) -> None:
    pattern = "#,##0." + "#" * places if places else "#,##0"
    for lang, digits in EDITIONS:
        for number in (value, float(value)):
            fast = cldr.decimal(number, pattern, lang, digits)
            assert fast is not None
            assert fast == format_decimal(number, format=pattern, locale=lang,
                                          numbering_system=digits)


@settings(max_examples=400)
@given(units=st.integers(0, 10**14), scale=st.integers(1, 6), extra=st.integers(0, 3))
@example(units=19004, scale=3, extra=0)  # 19.004: Locale.number's pattern has every place
@example(units=12345, scale=3, extra=-1)  # 12.345 to two places: a tie, rounded to even
@example(units=12355, scale=3, extra=-1)
@example(units=5, scale=1, extra=-1)  # 0.5 to no places: 0
def test_a_decimal_is_babels_with_the_places_the_views_ask(units: int, scale: int,
                                                            extra: int) -> None:
    value = units / 10**scale
    stated = len(repr(value).partition(".")[2])  # the places Locale.number asks for
    for most in {stated, stated + extra, max(stated + extra, 0)}:
        if most < 0:
            continue
        pattern = "#,##0." + "#" * most if most else "#,##0"
        for lang, digits in EDITIONS:
            fast = cldr.decimal(value, pattern, lang, digits)
            if value < LIMIT and "e" not in repr(value) and most <= 10:
                assert fast is not None, (value, pattern)
            if fast is not None:
                assert fast == format_decimal(value, format=pattern, locale=lang,
                                              numbering_system=digits)


@settings(max_examples=400)
@given(value=st.floats(min_value=-1e16, max_value=1e17) | st.integers(-10**20, 10**20),
       pattern=st.sampled_from(["#,##0", "#,##0.#", "#,##0.##", "#,##0.###", "#,##0.0",
                                "#,##0.00", "#,##0.0#", "#,##0.##########", "#,##0.00##"]))
@example(value=-0.0, pattern="#,##0")
@example(value=-5, pattern="#,##0")
@example(value=1e16, pattern="#,##0")
@example(value=1e-05, pattern="#,##0.#####")
@example(value=0.30000000000000004, pattern="#,##0.##")
def test_any_number_is_babels_or_left_to_babel(value: float, pattern: str) -> None:
    for lang, digits in EDITIONS:
        fast = cldr.decimal(value, pattern, lang, digits)
        if fast is not None:
            assert fast == format_decimal(value, format=pattern, locale=lang,
                                          numbering_system=digits)
    if value < 0 or value >= LIMIT:
        assert fast is None


@settings(max_examples=400)
@given(units=st.integers(0, 10**9), scale=st.integers(0, 6), places=st.integers(0, 3))
@example(units=333, scale=1, places=1)  # 33.3%
@example(units=3325, scale=2, places=1)  # 33.25%: a tie, to 33.2%
@example(units=3335, scale=2, places=1)  # 33.35% (a float just below): 33.3%
@example(units=0, scale=0, places=1)
def test_a_percentage_is_babels(units: int, scale: int, places: int) -> None:
    """As Locale.percent asks: the percentage over 100, to `places` places."""
    percentage = units / 10**scale
    pattern = "#,##0." + "0" * places + "%" if places else "#,##0%"
    for lang, digits in EDITIONS:
        fast = cldr.percent(percentage / 100, pattern, lang, digits)
        if "e" not in str(percentage / 100):
            assert fast is not None
        if fast is not None:
            assert fast == format_percent(percentage / 100, format=pattern, locale=lang,
                                          numbering_system=digits)


def _written(loc: Locale, value: float, places: int, day: dt.date, code: str,
             currency: str) -> tuple[str, ...]:
    return (loc.number(value), loc.percent(value, places=places), loc.date(day),
            loc.quote_language_name(code), loc.party_code(code), loc.currency_symbol(currency))


@settings(max_examples=200)
@given(value=st.floats(min_value=0, max_value=1e16) | st.integers(0, 10**16),
       digits=st.sampled_from(DIGITS), places=st.integers(0, 3), day=st.dates(),
       code=st.sampled_from(["en", "ru", "uk", "US", "UA", "xx"]),
       currency=st.sampled_from(["USD", "EUR", "GBP", "RUB", "JPY"]))
def test_the_locale_writes_what_it_wrote_with_babel(value: float, digits: str, places: int,
                                                     day: dt.date, code: str,
                                                     currency: str) -> None:
    """Locale's own methods, in each shipped language and digit system, as before cldr."""
    for lang in SHIPPED:
        loc = Locale(lang, digits)
        fast = _written(loc, value, places, day, code, currency)
        with babel_only():
            assert fast == _written(loc, value, places, day, code, currency)


@pytest.mark.parametrize("pattern", ["#,##0;(#,##0)", "0.00", "#,##,##0", "#,##0.#0", "#E0",
                                     "#,##0.00¤", "#,##0.###########", "@@#"])
def test_other_patterns_are_left_to_babel(pattern: str) -> None:
    assert cldr.decimal(1234, pattern, "ar", "latn") is None
    assert cldr.percent(0.5, pattern + "%", "ar", "latn") is None


def test_another_babel_is_asked_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cldr, "_babel_checked", None)
    monkeypatch.setattr(cldr, "CHECKED_BABEL", ("0.0",))
    assert cldr.long_date(dt.date(2025, 11, 20), "ar") is None
    assert cldr.decimal(5, "#,##0", "ar", "latn") is None
    assert cldr.language_name("en", "ar") is None
    assert Locale("ar").date(dt.date(2025, 11, 20)) == "20 نوفمبر 2025"  # Babel's


# --- the Arabic views import no Babel ------------------------------------------------------------

@pytest.mark.parametrize("args", [["show", "geneva"], ["log"], ["history", "armed-forces-cap"],
                                  ["positions"], ["v28", "geneva"]])
def test_the_arabic_views_on_the_corpus_import_no_babel(tmp_path: Path, args: list[str]) -> None:
    """From the repository cache that `plandiff v28 geneva` filled, the views in Arabic (either
    digits) write their dates, numbers, percentages and language names without Babel."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PLANDIFF_ROOT", "PLANDIFF_CACHE", "PLANDIFF_LANG")}
    env.update(PLANDIFF_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1")
    subprocess.run([sys.executable, "-m", "plandiff", "v28", "geneva"], cwd=REPO, env=env,
                   capture_output=True, check=True)
    code = ("import sys, runpy; sys.argv = ['plandiff', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('plandiff', run_name='__main__')\n"
            "finally:\n    print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'),"
            " file=sys.stderr)\n")
    for digits in DIGITS:
        done = subprocess.run([sys.executable, "-c", code, *args, "--lang", "ar", "--digits",
                               digits], cwd=REPO, env=env, capture_output=True, text=True,
                              check=True)
        assert done.stdout.count("\n") > 3
        assert done.stderr.splitlines()[-1] == "[]", done.stderr
