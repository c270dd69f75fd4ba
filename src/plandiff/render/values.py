"""Plain-text formatting of term values and their changes, shared by every view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from plandiff.core.diff import NOT_KNOWN, Claim, ClauseDiff, PlanDiff, TermChange, TextChange
from plandiff.core.models import Term, TermType
from plandiff.i18n import Locale, plural_count

_SCALES = ((1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"))


def number(loc: Locale, value: float) -> str:
    """600000 -> '600,000'; 33.333 -> '33.33'."""
    return loc.number(value)


def signed(loc: Locale, value: float) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "±") + loc.number(abs(value))


def money(loc: Locale, amount: float, currency: str | None) -> str:
    """'$100 billion'; in Arabic as its press writes it, the scale word agreeing with the number
    and the currency's name after it ('100 مليار دولار', '3 مليارات دولار')."""
    for scale, word in _SCALES:
        if abs(amount) >= scale and (amount / scale * 100).is_integer():
            shown = _scaled(loc, word, plural_count(amount / scale)).format(
                amount=loc.number(amount / scale))
            # after a scale word the currency stays singular: «3 مليارات دولار»
            return _with_currency(loc, currency, 100, shown) if currency else shown
    shown = loc.number(amount)
    return _with_currency(loc, currency, plural_count(amount), shown) if currency else shown


def _scaled(loc: Locale, word: str, count: int) -> str:
    if word == "trillion":
        return loc.ngettext("{amount} trillion", "{amount} trillion", count)
    if word == "billion":
        return loc.ngettext("{amount} billion", "{amount} billion", count)
    return loc.ngettext("{amount} million", "{amount} million", count)


def _with_currency(loc: Locale, code: str, count: int, amount: str) -> str:
    """An amount in a currency, agreeing with `count`: '$3', «3 دولارات» (the symbol where
    plandiff knows no name)."""
    if code == "USD":
        text = loc.npgettext("currency", "${amount}", "${amount}", count)
    elif code == "EUR":
        text = loc.npgettext("currency", "€{amount}", "€{amount}", count)
    elif code == "GBP":
        text = loc.npgettext("currency", "£{amount}", "£{amount}", count)
    else:
        text = loc._("{currency}{amount}").replace("{currency}", loc.currency_symbol(code))
    return text.format(amount=amount).strip()


def _with_unit(loc: Locale, text: str, unit: str | None, value: float) -> str:
    if not unit:
        return text
    if unit in ("percent", "%"):
        return text + loc.percent_sign()
    return f"{text} {loc.unit_for(unit, value)}"


def value(loc: Locale, term: Term | TermChange, raw: Any, *, with_unit: bool = True,
          prose: bool = False) -> str:
    """A term value for people: '600,000 personnel', '$100 billion', 'Up to NATO consensus'.
    `prose`: as a sentence writes it, where a language has such a form («600 ألف جندي»; tables
    keep «600,000 جندي»)."""
    if raw is None:
        return loc.pgettext("value", "none")
    if raw is NOT_KNOWN:
        return loc._("unknown")
    kind = term.type
    if kind is TermType.money and _numeric(raw):
        return money(loc, raw, term.currency)
    if kind in (TermType.quantity, TermType.duration) and _numeric(raw):
        if prose and with_unit and (thousands := _in_thousands(loc, term.unit, raw)):
            return thousands
        if with_unit and (counted := _counted(loc, term.unit, raw)):
            return counted
        return _with_unit(loc, loc.number(raw), _unit(loc, term) if with_unit else None, raw)
    if kind is TermType.choice and isinstance(raw, str):
        label = (term.choices or {}).get(raw)
        label, ok = loc.choice_of(term, raw, label)
        return loc.plain(label or raw, ok or label is None)
    if kind is TermType.flag and isinstance(raw, bool):
        return loc._("yes") if raw else loc._("no")
    if isinstance(raw, dt.date):
        return loc.date(raw)
    return str(raw)


def _counted(loc: Locale, unit: str | None, value: float) -> str | None:
    """A number with its unit agreeing with it, for the units plandiff's catalog knows ('1 day',
    «30 يومًا», «3 أيام», «15 سنة»), else None: the plan file's unit (translated) is then put
    after the number as it is."""
    message = _UNITS.get(unit or "")
    if message is None:
        return None
    return loc.npgettext("unit", *message, plural_count(value)).format(
        count=loc.number(value))


def _in_thousands(loc: Locale, unit: str | None, value: float) -> str | None:
    """Personnel in whole thousands as prose writes them: «600 ألف جندي», «3 آلاف جندي» (the
    scale word agreeing with its number, the noun after it singular); English '600,000
    personnel' as ever."""
    if unit != "personnel" or abs(value) < 1000 or not float(value / 1000).is_integer():
        return None
    thousands = plural_count(value / 1000)
    return loc.npgettext("personnel in thousands", "{number} personnel", "{number} personnel",
                         thousands).format(number=loc.number(value),
                                           amount=loc.number(value / 1000))


def govern(loc: Locale, verb: str, obj: str) -> tuple[str, str]:
    """A verb and its object as printed side by side: (verb, object). A verb whose catalog form
    ends in a clitic preposition and a tatweel (Arabic «تطالب بـ») takes it onto its object:
    joined to a word of the language («بالعفو», «لل» for «لـ» + «ال»), by a tatweel to a
    number («بـ800 ألف جندي»), and before anything else (a Latin id, English marked as such)
    onto «ما يلي:»; never left hanging before a space."""
    if not verb.endswith("\u0640") or len(verb) < 2 or not obj:
        return verb, obj
    clitic, head = verb[-2], verb[:-2].rstrip()
    first = obj[0]
    if "\u0621" <= first <= "\u064a":
        if clitic == "\u0644" and obj.startswith("\u0627\u0644"):
            return head, clitic + obj[1:]
        return head, clitic + obj
    if first.isdigit():
        return head, verb[-2:] + obj
    return head, clitic + loc._("what follows: {object}").format(object=obj)


def to_name(loc: Locale, name: str) -> str:
    """A party after «لـ»: joined to an Arabic name («لروسيا», «للولايات المتحدة», never
    «لـالولايات»), and a name in another script after a noun («للطرف e3»), never glued to it.
    English never prints it (its templates name the party otherwise)."""
    clitic = loc.pgettext("held by", "for")
    if clitic.endswith("\u0640") and name and not "\u0621" <= name[0] <= "\u064a":
        return loc.pgettext("held by, a name in another script", "for {party}").format(
            party=name)
    return "".join(govern(loc, clitic, name))


def said_once(loc: Locale, subject: str, obj: str) -> str:
    """What a party's verb governs, the party said once: Arabic does not repeat the subject in
    its object («أوكرانيا تقبل تخلي أوكرانيا عن…») but points back to it with a suffix on the
    noun that governs it («أوكرانيا تقبل تخليها عن…», «إخضاع عضويتها في…»). Only near the head
    of the object (its second or third word, after an indefinite noun), where the party is that
    noun's complement, and in «من جانب …»; a party further in («إلى أن تعوض روسيا…») is left
    as written. Parties are states and blocs, feminine (glossary §4)."""
    if loc.lang != "ar" or not subject or not obj:
        return obj
    obj = obj.replace(f"من جانب {subject}", "من جانبها")  # «…، بما في ذلك من جانبها»
    words = obj.split(" ")
    name = subject.split(" ")
    for at in (1, 2):
        if words[at:at + len(name)] != name:
            continue
        noun = words[at - 1]
        if noun.startswith("ال") or not noun or not "\u0621" <= noun[-1] <= "\u064a":
            return obj  # a definite word or a mark governs no suffix
        if noun.endswith("ة"):  # عضوية → عضويتها
            noun = noun[:-1] + "ت"
        elif noun.endswith("ى"):  # إلى → إليها
            noun = noun[:-1] + "ي"
        return " ".join([*words[:at - 1], noun + "ها", *words[at + len(name):]])
    return obj


_UNITS = {
    "personnel": ("{count} personnel", "{count} personnel"),
    "days": ("{count} day", "{count} days"),
    "months": ("{count} month", "{count} months"),
    "years": ("{count} year", "{count} years"),
    "points": ("{count} point", "{count} points"),
}


def _unit(loc: Locale, term: Term | TermChange) -> str | None:
    if not term.unit or _is_percent(term.unit):
        return term.unit
    return loc.plain(*loc.unit_of(term))


def label(loc: Locale, change: TermChange) -> str:
    """A term's label in the language (the English badged where it has none)."""
    return loc.plain(*loc.term_label(change.term, change.label))


def _numeric(raw: Any) -> bool:
    return isinstance(raw, (int, float)) and not isinstance(raw, bool)


def _is_percent(unit: str | None) -> bool:
    return unit in ("percent", "%")


def movement_text(loc: Locale, change: TermChange | Term, moved: float | None,
                  percent: float | None) -> str:
    """'+200,000, +33.3%'; '−$50 billion, −33.3%'; '−10 percentage points, −20.0%'; '+3 days'."""
    if moved is None:
        return ""
    if change.type is TermType.date:
        # a signed delta shows its digit, so 1 and 2 take the singular in Arabic («+2 يوم»)
        return loc.ngettext("{count} days", "{count} days", plural_count(moved)).format(
            count=signed(loc, moved))
    if change.type is TermType.money:
        shown = ("+" if moved > 0 else "−" if moved < 0 else "±") + money(loc, abs(moved),
                                                                          change.currency)
    elif _is_percent(change.unit):
        shown = loc.ngettext("{count} percentage point", "{count} percentage points",
                             int(abs(moved)) if float(moved).is_integer() else 2
                             ).format(count=signed(loc, moved))
    else:
        shown = signed(loc, moved)
    if percent is not None:
        shown += loc._(", ") + ("+" if percent >= 0 else "−") + loc.percent(abs(percent))
    return shown


def delta(loc: Locale, change: TermChange) -> str:
    """How a changed term moved, or '' when it is not measured."""
    return movement_text(loc, change, change.delta, change.percent)


def claims(loc: Locale, change: TermChange, side: tuple[Claim, ...]) -> str:
    """One side of a term change; disputed sides list every claim with its sources (and, against
    one known value, how each claim moved from it)."""
    if not side:
        return loc._("not set")
    if len(side) == 1:
        return value(loc, change, side[0].value)
    # Moves go with the new value: against a disputed old side, term_line puts them after it.
    moves = change.claim_moves if len(change.claim_moves) == len(side) and (
        side is change.new) else ()
    parts = []
    semicolon = loc._("; ")
    for index, claim in enumerate(side):
        details = [loc._(", ").join(claim.sources)] if claim.sources else []
        if moves and (shown := movement_text(loc, change, *moves[index])):
            details.insert(0, shown)
        text = reported(loc, value(loc, change, claim.value), claim.hedged)
        parts.append(f"{text} ({semicolon.join(details)})" if details else text)
    return loc._("disputed: {claims}").format(claims=" | ".join(parts))


def carried(loc: Locale, version: str | None) -> str:
    """The label a value carried from an earlier version always wears, right after the value."""
    return loc._(" (carried from {version})").format(version=version) if version else ""


def side(loc: Locale, change: TermChange, which: int, *, shown: str | None = None) -> str:
    """One side of a term change (0 old, 1 new) as people read it, saying where a value is
    carried from and since when a value is no longer known."""
    claims_ = change.new if which else change.old
    if len(claims_) == 1 and not claims_[0].known:
        return loc._("not reported since {version}").format(version=change.stated_in[which])
    text = shown if shown is not None else claims(loc, change, claims_)
    if len(claims_) == 1:
        text = reported(loc, text, claims_[0].hedged)
    return text + carried(loc, change.carried_from[which])


def reported(loc: Locale, text: str, hedged: bool) -> str:
    """A value that its sources only report (every citation hedged): 'reportedly 800,000'."""
    return loc._("reportedly {value}").format(value=text) if hedged else text


def reported_verb(loc: Locale, verb: str, hedged: bool) -> str:
    """A stance's verb where every citation of it is hedged: 'reportedly accepts'."""
    return loc._("reportedly {verb}").format(verb=verb) if hedged else verb


def witness_note(loc: Locale, independent: int) -> str:
    """'2 independent witnesses' (see core.witnesses)."""
    return loc.ngettext("{count} independent witness", "{count} independent witnesses",
                        independent).format(count=count(loc, independent))


def witnessed(loc: Locale, sources: tuple[str, ...] | list[str], independent: int) -> str:
    """A value's or stance's sources with its count of independent witnesses: 'ki1, seed-001
    (2 independent witnesses)'."""
    if not sources:
        return loc._("none")
    return loc._("{sources} ({witnesses})").format(sources=loc._(", ").join(sources),
                                                   witnesses=witness_note(loc, independent))


def id_list(loc: Locale, ids: list[str] | tuple[str, ...]) -> str:
    """Source ids on a terminal line: 'ki1, seed-001'. Another language lists them as it lists
    words: Arabic «ki1 و seed-001 و gn», so that a line wrapped inside a long list opens with
    «و», never with a Latin id (a bidi terminal lays such a line out left to right), and the
    ids keep their order read right to left (between Arabic commas, a run of Latin ids was laid
    out left to right)."""
    return loc._(", ").join(ids) if loc.english else loc.and_list(ids)


def claim_sources(loc: Locale, sources: tuple[str, ...] | list[str],
                  independent: int | None) -> str:
    """A disputed claim's sources inside its parentheses: 'ki1, seed-001; 2 independent
    witnesses'."""
    listed = loc._(", ").join(sources)
    if independent is None or not sources:
        return listed
    return loc._("{sources}; {witnesses}").format(sources=listed,
                                                  witnesses=witness_note(loc, independent))


def witness_count(loc: Locale, claims_: tuple[Claim, ...]) -> str:
    """The independent witnesses of one side: '2', or one count per claim of a dispute
    ('2 | 1'); '' when not counted or the side gives no value."""
    if not claims_ or any(c.independent is None for c in claims_) or (
            len(claims_) == 1 and not claims_[0].known):
        return ""
    return " | ".join(count(loc, c.independent or 0) for c in claims_)


def witnesses(loc: Locale, change: TermChange) -> str:
    """'; independent witnesses: 3 → 2' after a term line: how many independent witnesses (see
    core.witnesses) stand behind each value the line prints, old then new."""
    if change.change in ("confirmed", "carried", "added"):
        sides = [change.new]
    elif change.change == "removed":
        sides = [change.old]
    else:
        sides = [change.old, change.new]
    counts = [witness_count(loc, side_) for side_ in sides if side_]
    if not any(counts):
        return ""
    counts = [shown or "—" for shown in counts]  # a side no longer known has no value to witness
    if len(counts) == 2:
        shown = loc._("{old} → {new}").format(old=counts[0], new=counts[1])
    else:
        shown = counts[0]
    return loc._("; independent witnesses: {counts}").format(counts=shown)


def term_line(loc: Locale, change: TermChange) -> str:
    """A term change as one line, with the independent witnesses of each value: 'Cap on
    Ukraine's armed forces: 600,000 → 800,000 personnel (+200,000, +33.3%); independent
    witnesses: 3 → 2'."""
    return _term_line(loc, change) + witnesses(loc, change)


def _term_line(loc: Locale, change: TermChange) -> str:
    label_ = label(loc, change)
    if change.change == "confirmed":
        return loc._("{label}: {value} (confirmed by {version})").format(
            label=label_, value=side(loc, change, 1), version=change.stated_in[1])
    if change.change == "carried":
        return loc._("{label}: {value}").format(label=label_, value=side(loc, change, 1))
    if change.change == "added":
        return loc._("{label}: set to {value}").format(label=label_, value=side(loc, change, 1))
    if change.change == "removed":
        old = (change.old[0].value if len(change.old) == 1 and not change.old[0].hedged
               else None)
        # A flag dropped is said as the clause dropping it («أُسقط من النص (كان واردًا)»),
        # not as a value cancelled («أُلغيت القيمة (كانت نعم)»).
        template = (loc.pgettext("flag was set", "{label}: no longer set (was {value})")
                    if change.type is TermType.flag and old is True and not change.carried_from[0]
                    else loc._("{label}: no longer set (was {value})"))
        return template.format(label=label_, value=side(loc, change, 0))
    # After the new value, never inside the old.
    moved = delta(loc, change) or _moves_from_claims(loc, change)
    suffix = f" ({moved})" if moved else ""
    old_shown = None
    if change.change == "changed" and change.type in (TermType.quantity, TermType.duration):
        old, new = change.old[0].value, change.new[0].value
        if _numeric(old) and _numeric(new):
            old_shown = value(loc, change, old) if _is_percent(change.unit) else number(loc, old)
    return loc._("{label}: {old} → {new}{moved}").format(
        label=label_, old=side(loc, change, 0, shown=old_shown), new=side(loc, change, 1),
        moved=suffix)


def kept_shown(item: ClauseDiff, *, show_all: bool) -> tuple[TermChange, ...]:
    """The unchanged terms a view lists under a clause: confirmations always, carried values
    with --all (the summary counts them)."""
    if item.change == "removed":
        return ()
    return tuple(t for t in item.kept if show_all or t.change == "confirmed")


def kept_summary(loc: Locale, result: PlanDiff) -> str:
    """'term values: 1 confirmed, 2 carried': of the clauses the head lists, the unchanged values
    it states again and those it only inherits; '' when there are none."""
    counts = result.kept_terms
    if not any(counts.values()):
        return ""
    return loc._("term values: {confirmed} confirmed, {carried} carried").format(
        confirmed=count(loc, counts["confirmed"]), carried=count(loc, counts["carried"]))


def kept_in_sentence(loc: Locale, result: PlanDiff) -> str:
    """`kept_summary` inside a sentence that names the values itself («… قيم لم تتغير: مؤكَّدة
    1، وموروثة 2»: one colon, not three); the same words in English."""
    counts = result.kept_terms
    if not any(counts.values()):
        return ""
    return loc.pgettext("in a sentence", "term values: {confirmed} confirmed, {carried} carried"
                        ).format(confirmed=count(loc, counts["confirmed"]),
                                 carried=count(loc, counts["carried"]))


def count(loc: Locale, value: int) -> str:
    """A count in the active language's digits."""
    return loc.count(value)


def carried_sources(changes: tuple[TermChange, ...] | list[TermChange]) -> dict[str, list[str]]:
    """The sources of carried values, by the version that stated them."""
    found: dict[str, list[str]] = {}
    for change in changes:
        for which in (0, 1):
            version = change.carried_from[which]
            claims_ = change.new if which else change.old
            if version is None or not claims_ or len(claims_) > 1:
                continue  # a disputed side names its sources in its claims
            found.setdefault(version, [])
            for source in claims_[0].sources:
                if source not in found[version]:
                    found[version].append(source)
    return found


def _moves_from_claims(loc: Locale, change: TermChange) -> str:
    """How one new value moved from each claim of a disputed old side: '+50,000, +6.2% from
    800,000'."""
    if len(change.new) != 1 or len(change.old) < 2 or len(change.claim_moves) != len(change.old):
        return ""
    parts = [loc._("{move} from {value}").format(move=shown,
                                             value=value(loc, change, claim.value, with_unit=False))
             for claim, move in zip(change.old, change.claim_moves, strict=True)
             if (shown := movement_text(loc, change, *move))]
    return loc._("; ").join(parts)


def version_line(loc: Locale, version: Any) -> str:
    return loc._("{id} — {title} ({date}, {status}, {coverage})").format(
        id=version.id, title=loc.plain_field(version, "title"), date=loc.date(version.date),
        status=loc.pgettext("status", version.status.value),
        coverage=loc.pgettext("coverage", version.coverage.value))


def word_diff(change: TextChange, *, same: Callable[[str], str], deleted: Callable[[str], str],
              inserted: Callable[[str], str]) -> str:
    """A word-level diff as one line, each run of words wrapped by the view's own markup."""
    parts = []
    for op in change.ops:
        if op.op == "equal":
            parts.append(same(op.old))
            continue
        if op.old:
            parts.append(deleted(op.old))
        if op.new:
            parts.append(inserted(op.new))
    return " ".join(p for p in parts if p)
