"""Pure: find numbers with their units in English, Arabic, Russian or Ukrainian text.

Quantities ("800,000 personnel", "800 thousand troops", "800 ألف جندي"), money ("$150 billion",
"one hundred and fifty billion dollars", "150 مليار دولار"), durations ("within 120 days"),
percentages and dates. A scale word that no readable number goes with ("hundreds of thousands",
a number spelled out in Arabic) is reported as unreadable, never guessed.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from plandiff.core.quote_normalization import normalize
from plandiff.core.records import record, replace
from plandiff.importer.points import DIGITS

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
         " fifteen sixteen seventeen eighteen nineteen")
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
ONES = {w: i for i, w in enumerate(_ONES.split())}
TENS = {w: 10 * i for i, w in enumerate(_TENS.split(), start=2)}
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_NUMBER_WORD = "|".join([*ONES, *TENS, "hundred", *SCALES])
# It starts with a count: "billion dollars" alone is not one billion.
WORD_NUMBER = (rf"(?:{'|'.join([*ONES, *TENS])})"
               rf"(?:(?:-|\s+and\s+|\s+)(?:{_NUMBER_WORD}))*")
DIGIT_NUMBER = r"\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d{1,2}(?!\d))?"

# Scale words after digits, by value. Texts are normalised first (alef variants unified).
SCALE_WORDS: dict[int, tuple[str, ...]] = {
    10**3: ("thousand", "الف", "الاف", "тысяч", "тысячи", "тысяча", "тыс.", "тыс",
            "тисяч", "тисячі", "тисяча", "тис.", "тис"),
    10**6: ("million", "mln", "mn", "مليون", "ملايين", "миллион", "миллиона", "миллионов",
            "мільйон", "мільйона", "мільйонів", "млн.", "млн"),
    10**9: ("billion", "bn", "مليار", "مليارات", "بليون", "миллиард", "миллиарда", "миллиардов",
            "мільярд", "мільярда", "мільярдів", "млрд.", "млрд"),
    10**12: ("trillion", "tn", "تريليون", "триллион", "трильйон"),
}
_SCALE_OF = {word: value for value, words in SCALE_WORDS.items() for word in words}
# Single letters count as scales only when written against the digits: "$150bn", "$5m".
_LETTER_SCALES = {"k": 10**3, "m": 10**6, "b": 10**9}

UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "personnel": ("personnel", "troops", "soldiers", "servicemen", "service members",
                  "servicemembers", "men", "جندي", "جنود", "عسكري", "فرد", "военнослужащих",
                  "военных", "солдат", "человек", "військовослужбовців", "військових",
                  "солдатів", "осіб"),
    "points": ("points", "point", "نقطة", "نقاط", "بندا", "بند", "بنود", "пунктов", "пункта",
               "пунктів", "пункти"),
}
DURATION_WORDS: dict[str, tuple[str, ...]] = {
    "days": ("days", "day", "يوما", "يوم", "ايام", "дней", "дня", "день", "днів", "дні"),
    "weeks": ("weeks", "week", "اسبوعا", "اسبوع", "اسابيع", "недель", "недели", "неделя",
              "тижнів", "тижні", "тиждень"),
    "months": ("months", "month", "شهرا", "شهر", "اشهر", "شهور", "месяцев", "месяца", "месяц",
               "місяців", "місяці", "місяць"),
    "years": ("years", "year", "سنة", "سنوات", "عاما", "عام", "اعوام", "лет", "года", "год",
              "років", "роки", "рік"),
}
CURRENCY_BEFORE = {"us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR",
                   "£": "GBP", "gbp": "GBP"}
CURRENCY_AFTER = {"dollars": "USD", "dollar": "USD", "usd": "USD", "us dollars": "USD",
                  "دولار": "USD", "دولارا": "USD", "долларов": "USD", "доллара": "USD",
                  "доларів": "USD", "долара": "USD", "euros": "EUR", "euro": "EUR",
                  "eur": "EUR", "يورو": "EUR", "евро": "EUR", "євро": "EUR",
                  "pounds": "GBP", "gbp": "GBP"}
PERCENT_WORDS = ("%", "٪", "percent", "per cent", "بالمئة", "بالمائة", "في المئة",
                 "في المائة", "процентов", "процента", "процент", "відсотків", "відсотки",
                 "відсоток")
# Words that make a figure approximate; bounds ("no more than", "up to") do not.
APPROXIMATE = ("about", "around", "roughly", "approximately", "some", "nearly", "almost",
               "حوالي", "نحو", "قرابة", "زهاء", "около", "почти", "примерно", "близько",
               "майже", "приблизно")
MONTHS: dict[str, int] = {}
# Month names, some of two words (Levantine Arabic); listed explicitly to keep them whole.
for _month, _names in {
        1: ("january", "jan", "يناير", "كانون الثاني"), 2: ("february", "feb", "فبراير", "شباط"),
        3: ("march", "mar", "مارس", "اذار"), 4: ("april", "apr", "ابريل", "نيسان"),
        5: ("may", "مايو", "ايار"), 6: ("june", "jun", "يونيو", "حزيران"),
        7: ("july", "jul", "يوليو", "تموز"), 8: ("august", "aug", "اغسطس", "اب"),
        9: ("september", "sep", "sept", "سبتمبر", "ايلول"),
        10: ("october", "oct", "اكتوبر", "تشرين الاول"),
        11: ("november", "nov", "نوفمبر", "تشرين الثاني"),
        12: ("december", "dec", "ديسمبر", "كانون الاول")}.items():
    for _name in _names:
        MONTHS[_name] = _month
# Russian and Ukrainian month names as dates write them, in the genitive ("2 декабря 2025").
_CYRILLIC_MONTHS = """января февраля марта апреля мая июня июля августа сентября октября ноября
декабря січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня"""
for _month, _name in enumerate(_CYRILLIC_MONTHS.split()):
    MONTHS[_name] = _month % 12 + 1


@record
class Found:
    """A value read from the text."""

    kind: str  # quantity | money | duration | percent | date | number
    value: int | float | dt.date
    text: str  # as written (normalised)
    start: int
    end: int
    unit: str | None = None  # personnel, points, days, weeks, months, years, ...
    currency: str | None = None
    approximate: bool = False
    former: bool = False  # the old value of a change the text states ("from 28 points to 19")


@record
class Unreadable:
    """A number the text gives in a form plandiff cannot read."""

    text: str
    start: int
    end: int


def _alternation(words: object) -> str:
    ordered = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(w) for w in ordered)


# A number starts where its digits start: without the look-behind, every position inside a long
# run of digits is tried again, which made a 5,000-digit number take 40 s to read.
_NUM_DIGITS = (rf"(?P<num>(?<!\d)(?:{DIGIT_NUMBER}))"
               rf"(?:\s*(?P<scale>{_alternation(_SCALE_OF)})(?!\w)|(?P<letter>[kmb])(?!\w))?")
_NUM = rf"{_NUM_DIGITS}|(?P<words>{WORD_NUMBER})"
_END = r"(?!\w)"
_PATTERNS = {
    "date": re.compile(
        rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<day>\d{{1,2}})\s+(?P<month>{_alternation(MONTHS)})"
        rf",?\s+(?P<year>\d{{4}}){_END}|(?P<month2>{_alternation(MONTHS)})\s+(?P<day2>\d{{1,2}}),?"
        rf"\s+(?P<year2>\d{{4}}){_END}"),
    "money": re.compile(
        rf"(?P<before>{_alternation(CURRENCY_BEFORE)})\s*(?:{_NUM})"
        rf"|(?:{_NUM.replace('(?P<', '(?P<b_')})\s+(?:of\s+)?"
        rf"(?P<after>{_alternation(CURRENCY_AFTER)}){_END}"),
    "percent": re.compile(rf"(?:{_NUM})\s*(?P<unit>{_alternation(PERCENT_WORDS)})(?!\w)"),
    "duration": re.compile(
        rf"(?:{_NUM})(?:\s+|-)(?P<unit>"
        rf"{_alternation(w for ws in DURATION_WORDS.values() for w in ws)}){_END}"),
    "quantity": re.compile(
        rf"(?:{_NUM})(?:-strong)?(?:\s+(?!\d)[\w'-]+){{0,2}}?\s+(?P<unit>"
        rf"{_alternation(w for ws in UNIT_WORDS.values() for w in ws)}){_END}"),
    # A bare number in digits; bare words ("one account says") are not amounts.
    "number": re.compile(rf"(?<![\w.,-])(?:{_NUM_DIGITS}){_END}"),
}
_SCALE_ANYWHERE = re.compile(rf"(?<!\w)(?:{_alternation(_SCALE_OF)}|hundreds?|thousands|millions"
                             rf"|billions|dozens){_END}")
_APPROXIMATE = re.compile(rf"(?:{_alternation(APPROXIMATE)})\s+$")


def prepare(text: str) -> str:
    """The form of a text that the patterns read: normalised, ASCII digits, lower case."""
    return normalize(text).translate(DIGITS).lower()


def _digits_value(number: str, scale: str | None, letter: str | None) -> float:
    if re.fullmatch(r"\d+,\d{1,2}", number):  # a decimal comma: "1,5 million"
        number = number.replace(",", ".")
    value = float(number.replace(",", "").replace(" ", ""))
    if scale:
        value *= _SCALE_OF[scale]
    elif letter:
        value *= _LETTER_SCALES[letter]
    return value


def words_value(words: str) -> int:
    """The value of an English number in words: "one hundred and fifty billion" -> 150e9."""
    total = current = 0
    for word in re.split(r"[\s-]+", words):
        if word in ONES:
            current += ONES[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
    return total + current


def _number(match: re.Match[str], prefix: str = "") -> float | None:
    groups = {k[len(prefix):]: v for k, v in match.groupdict().items() if k.startswith(prefix)}
    if groups.get("num"):
        return _digits_value(groups["num"], groups.get("scale"), groups.get("letter"))
    if groups.get("words"):
        return float(words_value(groups["words"]))
    return None


def _clean(value: float) -> int | float:
    if not _ordinary(value):  # left for review (find_values); int() of inf overflows
        return value
    return int(value) if value == int(value) else value


def _ordinary(value: object) -> bool:
    """A value plan files accept (registry.MAX_MAGNITUDE); larger ones are left for review."""
    from plandiff.core.term_values import MAX_MAGNITUDE

    return not isinstance(value, (int, float)) or (math.isfinite(value)
                                                   and abs(value) <= MAX_MAGNITUDE)


def _canonical(unit: str, table: dict[str, tuple[str, ...]]) -> str:
    return next(key for key, words in table.items() if unit in words)


def find_values(text: str) -> tuple[list[Found], list[Unreadable]]:
    """Every value the text gives, by kind, and the numbers it gives that cannot be read."""
    prepared = prepare(text)
    found: list[Found] = []
    huge: list[Unreadable] = []  # numbers too large for a plan file
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for kind, pattern in _PATTERNS.items():
        for match in pattern.finditer(prepared):
            start, end = match.span()
            if not free(start, end):
                continue
            item = _read(kind, match, prepared)
            if item is None:
                continue
            taken.append((start, end))
            if item.kind != "date" and not _ordinary(item.value):
                written = item.text.strip()
                shown = (written if len(written) <= 40
                         else f"{written[:30]}… ({len(written)} characters)")
                huge.append(Unreadable(shown, start, end))
                continue
            found.append(item)
    spans: list[tuple[int, int]] = []
    for match in _SCALE_ANYWHERE.finditer(prepared):
        if not free(*match.span()):
            continue
        if spans and match.start() - spans[-1][1] <= 12:  # "hundreds of thousands": one number
            spans[-1] = (spans[-1][0], match.end())
        else:
            spans.append(match.span())
    unreadable = huge + [Unreadable(_around(prepared, start, end), start, end)
                         for start, end in spans]
    return _changes(sorted(found, key=lambda f: f.start), prepared), unreadable


# A change stated in the text: "from 28 points to 19", "19 points, down from 28", "to 19 from 28",
# "600,000 → 800,000", "من 28 إلى 19", "с 28 до 19", "з 28 до 19". The value after "from" (or
# before an arrow) is the former one; the new one takes its unit when it states none. The two
# must be joined by these words alone: "800,000 troops withdrawn from 20 villages" is no change.
_FROM_WORD = r"(?:from|من|с|со|з|із|від)"
_FROM = re.compile(rf"(?:^|[\s(]){_FROM_WORD}\s*$")
_TO = re.compile(r"\s*(?:to|into|الي|حتي|до)\s*")  # إلى and حتى, as normalised
_BACK = re.compile(rf"\s*,?\s*(?:(?:down|up)\s+)?{_FROM_WORD}\s*")
_ARROW = re.compile(r"\s*(?:→|->|=>)\s*")


def _changes(found: list[Found], prepared: str) -> list[Found]:
    changed = list(found)
    for index, item in enumerate(found):
        if item.kind == "date":
            continue
        after = found[index + 1] if index + 1 < len(found) else None
        before = found[index - 1] if index > 0 else None
        partner = None
        if after is not None and after.kind != "date":
            between = prepared[item.end:after.start]
            forward = _FROM.search(prepared[max(0, item.start - 12):item.start]) \
                and _TO.fullmatch(between)
            if forward or _ARROW.fullmatch(between):
                partner = index + 1
        if partner is None and before is not None and before.kind != "date" \
                and _BACK.fullmatch(prepared[before.end:item.start]):
            partner = index - 1
        if partner is None:
            continue
        changed[index] = replace(changed[index], former=True)
        other = found[partner]
        if other.unit is None and other.currency is None and item.kind != "number":
            changed[partner] = replace(changed[partner], kind=item.kind, unit=item.unit,
                                       currency=item.currency)
    return changed


def _around(text: str, start: int, end: int) -> str:
    """The scale word with up to three words on each side."""
    before = text[:start].split()[-3:]
    after = text[end:].split()[:3]
    return " ".join([*before, text[start:end], *after])


def _read(kind: str, match: re.Match[str], prepared: str) -> Found | None:
    start, end = match.span()
    approximate = bool(_APPROXIMATE.search(prepared[max(0, start - 20):start]))
    written = prepared[start:end]
    if kind == "date":
        return _date(match, written, start, end)
    if kind == "money":
        value = _number(match) if match.group("before") else _number(match, "b_")
        currency = (CURRENCY_BEFORE[match.group("before")] if match.group("before")
                    else CURRENCY_AFTER[match.group("after")])
        if value is None:
            return None
        return Found("money", _clean(value), written, start, end, currency=currency,
                     approximate=approximate)
    value = _number(match)
    if value is None:
        return None
    if kind == "number":
        if re.fullmatch(r"(19|20)\d\d", written):  # a year, not an amount
            return None
        return Found("number", _clean(value), written, start, end, approximate=approximate)
    unit = match.group("unit")
    if kind == "percent":
        return Found("percent", _clean(value), written, start, end, unit="percent",
                     approximate=approximate)
    table = DURATION_WORDS if kind == "duration" else UNIT_WORDS
    return Found(kind, _clean(value), written, start, end, unit=_canonical(unit, table),
                 approximate=approximate)


def _date(match: re.Match[str], written: str, start: int, end: int) -> Found | None:
    try:
        if match.group("iso"):
            value = dt.date.fromisoformat(match.group("iso"))
        elif match.group("day"):
            value = dt.date(int(match.group("year")), MONTHS[match.group("month")],
                            int(match.group("day")))
        else:
            value = dt.date(int(match.group("year2")), MONTHS[match.group("month2")],
                            int(match.group("day2")))
    except ValueError:
        return None
    return Found("date", value, written, start, end)
