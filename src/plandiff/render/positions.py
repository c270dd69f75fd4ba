"""Views of who wants what: `plandiff positions` (terminal, Markdown, `plandiff.positions/1`
JSON) and the stance section of a diff, kept apart from the draft's changes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from plandiff.core.hidden_characters import make_visible
from plandiff.core.models import NUMERIC_TYPES, Disputed, NoLongerKnown, Source, Term, TermType
from plandiff.core.positions import (
    VERBS,
    Agreement,
    DraftValue,
    PositionsTable,
    Stance,
    StanceChange,
    Subject,
    SubjectPositions,
)
from plandiff.i18n import ENGLISH, Locale
from plandiff.render import json_text, values

if TYPE_CHECKING:
    from rich.console import Console

    from plandiff.core.diff import PlanDiff

FORMAT = "plandiff.positions/1"


# --- words shared by the views -----------------------------------------------------------------


def verb(loc: Locale, stance: Stance, *, past: bool = False) -> str:
    """'demands', 'insisted on': the stance's verb (in the language, for a party);
    'reportedly accepts' where every citation of the stance is hedged."""
    said = loc.pgettext("stance-past" if past else "stance",
                        VERBS[stance.position.stance][1 if past else 0])
    return values.reported_verb(loc, said, stance.hedged)


def value_text(loc: Locale, term: Term | None, raw: Any, *, prose: bool = False) -> str:
    """A plain, disputed or no-longer-known value in words (`prose`: as a sentence writes it)."""
    if isinstance(raw, Disputed):
        return loc._("disputed: {claims}").format(
            claims=" | ".join(loc._("unknown") if c.unknown is not None
                              else value_text(loc, term, c.value, prose=prose)
                              for c in raw.disputed))
    if isinstance(raw, NoLongerKnown):
        return loc._("no longer known ({since})").format(since=raw.unknown)
    if term is None:
        return loc._("none") if raw is None else str(raw)
    return values.value(loc, term, raw, prose=prose)


def named_flag(loc: Locale, label: str, raw: bool, shown: str) -> str:
    """A flag's value as a sentence names it: 'yes' is the thing itself («العفو الشامل»), 'no'
    its absence («عدم …»); English keeps 'yes' and 'no'."""
    if raw:
        return loc.pgettext("flag, named", "{value}").format(value=shown, label=label)
    return loc.pgettext("flag not set, named", "{value}").format(value=shown, label=label)


def stance_object(loc: Locale, stance: Stance, subject: Subject) -> str:
    """What the stance's verb governs in a sentence: the value («800 ألف جندي», a choice), a
    flag by name, the label for a stance that names no value («…، دون تحديد قيمة»); in
    English the value as the table shows it (`stance_value`)."""
    position = stance.position
    shown = stance_value(loc, stance, subject)
    term = subject.definition
    label = subject_label(loc, subject, stance)
    if position.has_value:
        if term is not None and term.type is TermType.flag and isinstance(position.value, bool):
            return named_flag(loc, label, position.value, shown)
        return value_text(loc, term, position.value, prose=True)
    if subject.term is None:
        return loc.pgettext("issue, named", "{value}").format(value=shown, label=label)
    if position.stance.value == "reject":
        return loc.pgettext("any value refused, named", "{value}").format(value=shown,
                                                                          label=label)
    if position.stance.value == "accept":  # accepting it, not a content left unsaid
        return loc.pgettext("accepted without a value, named", "{value}").format(
            value=shown, label=label)
    return loc.pgettext("no value, named", "{value}").format(value=shown, label=label)


def phrase(loc: Locale, stance: Stance, subject: Subject, *, past: bool = False
           ) -> tuple[str, str]:
    """(verb, object): 'demands', '—'; «تطالب», «بالعفو الشامل» (the preposition joined). A
    stance only reported says so where the language puts it: 'reportedly accepts' in English,
    after the object in Arabic («تقبل 800 ألف جندي (بحسب التقارير)»)."""
    said = verb(loc, stance, past=past)
    if _unnamed(stance, subject):
        # No value named: Arabic says the party has a demand (an offer…) about the subject,
        # its content unsaid («مطلب» «بشأن طريق…، لم تحدد مضمونه»): «تطالب بطريق…» would read
        # as wanting the thing itself. English keeps its verb.
        said = loc.pgettext("stance without a value", "{verb}").format(
            verb=said, noun=stance_noun(loc, stance))
    head, governed = values.govern(loc, said, values.said_once(
        loc, party(loc, stance), stance_object(loc, stance, subject)))
    if stance.hedged:
        governed = loc.pgettext("reported stance", "{object}").format(object=governed)
    return head, governed


def _unnamed(stance: Stance, subject: Subject) -> bool:
    """A stance on a term that names no value and neither refuses nor accepts the term itself:
    «لروسيا مطلب بشأن…» (a party that accepts Ukraine's path to the EU accepts it: «تقبل…»)."""
    return (not stance.position.has_value and subject.term is not None
            and stance.position.stance.value not in ("reject", "accept"))


def _label_first(stance: Stance, subject: Subject) -> bool:
    """A value reads after its label («السقف: أوكرانيا تقبل 800 ألف جندي»): the verb governs the
    value, not the label, and two terms may share a choice's words («انطلاق المحادثات…»). A
    flag names its label itself («ترفض العفو الشامل»)."""
    term = subject.definition
    return (stance.position.has_value and term is not None
            and (term.type in NUMERIC_TYPES or term.type is TermType.choice))


def _refused(loc: Locale) -> str:
    """What a refusal of any value refuses."""
    return loc.pgettext("refused", "any")


def stance_value(loc: Locale, stance: Stance, subject: Subject) -> str:
    """What the stance names: the value in words, `any` for a refusal of any value, or `—`."""
    position = stance.position
    if position.has_value:
        return value_text(loc, subject.definition, position.value)
    if position.stance.value == "reject" and subject.term is not None:
        return _refused(loc)
    return "—"


def stance_noun(loc: Locale, stance: Stance) -> str:
    """The stance's kind as a noun: 'demand', «مطلب»."""
    kind = stance.position.stance.value
    return {"demand": loc._("demand"), "offer": loc._("offer"), "proposal": loc._("proposal"),
            "red-line": loc._("red line"), "accept": loc._("acceptance"),
            "reject": loc._("rejection")}[kind]


def stance_cell(loc: Locale, stance: Stance) -> str:
    """A table's stance column: the verb in English ('demands'), the noun in Arabic («مطلب»)."""
    noun = stance_noun(loc, stance)
    if stance.hedged:
        noun = loc._("{stance} (reportedly)").format(stance=noun)
    return loc.pgettext("stance column", "{verb}").format(verb=verb(loc, stance), noun=noun)


def value_cell(loc: Locale, stance: Stance, subject: Subject) -> str:
    """A table's value column: '—' where the stance names no value («دون قيمة محددة»)."""
    shown = stance_value(loc, stance, subject)
    return loc.pgettext("value column", "—") if shown == "—" else shown


def subject_label(loc: Locale, subject: Subject, stance: Stance | None = None) -> str:
    """The term's label, or the issue in the words of a stance on it."""
    if subject.definition is not None:
        return loc.plain(*loc.label_of(subject.definition, subject.label))
    if stance is not None:
        return loc.plain_field(stance.position, "issue") or subject.label
    return loc.plain(subject.label, loc.english)


def what(loc: Locale, stance: Stance, subject: Subject) -> str:
    """'Cap on Ukraine's armed forces — 800,000 personnel', or the label alone without a value."""
    label = subject_label(loc, subject, stance)
    shown = stance_value(loc, stance, subject)
    return label if shown == "—" else loc._("{label} — {value}").format(label=label,
                                                                         value=shown)


def party(loc: Locale, stance: Stance) -> str:
    return loc.party(stance.party, stance.party_name)


def to_party(loc: Locale, stance: Stance) -> str:
    """The party after «لـ» («لروسيا», «للولايات المتحدة»): a stance it holds without a value."""
    return values.to_name(loc, party(loc, stance))


def sides_text(loc: Locale, row: SubjectPositions, parties: dict[str, str]) -> str:
    """Where the sides stand, in one sentence."""
    found = row.agreement
    term = row.subject.definition
    if found.status == "none":
        return loc._("no party's position is recorded")
    if found.status == "one-party":
        return loc._("only {party} has a recorded position").format(
            party=party(loc, row.latest[0]))
    label = subject_label(loc, row.subject, row.latest[0])
    parts = [(loc.pgettext("sides, flag", "{parties}: {value}")
              if term is not None and term.type is TermType.flag and isinstance(value, bool)
              else loc._("{parties}: {value}")).format(
        parties=_names(loc, found_parties, parties),
        value=value_text(loc, term, value, prose=True),
        object=_named(loc, term, label, value))
        for value, found_parties in found.groups]
    parts += [loc._("{party} rejects {value}").format(
        party=loc.party(p, parties.get(p, p)),
        value=_refused(loc) if v is None else value_text(loc, term, v),
        object=_refused(loc) if v is None else _named(loc, term, label, v))
        for p, v in found.rejects]
    if found.no_value:
        parts.append(loc.ngettext("{parties} names no value", "{parties} name no value",
                                  len(found.no_value)).format(
            parties=_names(loc, found.no_value, parties)))
    status = {"converged": loc._("converged"), "apart": loc._("apart"),
              "unclear": loc._("not comparable")}[found.status]
    return f"{status}: " + loc._("; ").join(parts)


def _named(loc: Locale, term: Term | None, label: str, raw: Any) -> str:
    """A value in a sentence: a flag by name, a number as prose writes it."""
    if term is not None and term.type is TermType.flag and isinstance(raw, bool):
        return named_flag(loc, label, raw, value_text(loc, term, raw))
    return value_text(loc, term, raw, prose=True)


def draft_text(loc: Locale, draft: DraftValue | None, subject: Subject) -> str:
    if draft is None:
        return loc._("not set in its text")
    state = (loc._("reported") if draft.reported
             else loc._("carried from {version}").format(version=draft.stated_in))
    return loc._("{value} ({clause}, {state})").format(
        value=value_text(loc, subject.definition, draft.value), clause=draft.clause_id,
        state=state)


def meets_text(loc: Locale, found: Agreement, parties: dict[str, str]) -> str:
    parts = []
    # Arabic's noun agrees with the parties counted: «موقف أوكرانيا», «موقفَي أوكرانيا
    # والولايات المتحدة», «مواقف روسيا والولايات المتحدة وأوكرانيا».
    if found.meets:
        parts.append(loc.ngettext("meets the line of {parties}", "meets the line of {parties}",
                                  len(found.meets)).format(
            parties=_names(loc, found.meets, parties)))
    if found.misses:
        parts.append(loc.ngettext("not the line of {parties}", "not the line of {parties}",
                                  len(found.misses)).format(
            parties=_names(loc, found.misses, parties)))
    return loc._("; ").join(parts)


def _names(loc: Locale, codes: tuple[str, ...] | list[str], parties: dict[str, str]) -> str:
    return loc.and_list([loc.party(c, parties.get(c, c)) for c in codes])


def when(loc: Locale, stance: Stance) -> str:
    if stance.position.at:
        return loc._("{date}, at {version}").format(date=loc.date(stance.date),
                                                    version=stance.position.at)
    return loc.date(stance.date)


def change_sentence(loc: Locale, item: StanceChange) -> str:
    """'Russia now demands ...', 'Ukraine still insists on ...', 'the US accepts ...'."""
    stance = item.stance
    # Arabic: «{label}: {party} {phrase}» for a number (the verb governs the value), else
    # «{party} {phrase}»; English the same in both.
    if _label_first(stance, item.subject):
        template = {"new": loc.pgettext("stance, label first", "{party} {verb}: {what}"),
                    "changed": loc.pgettext("stance, label first", "{party} now {verb}: {what}"),
                    "restated": loc.pgettext("stance, label first",
                                             "{party} still {verb}: {what}")}[item.change]
    elif _unnamed(stance, item.subject):
        template = {"new": loc.pgettext("stance, no value", "{party} {verb}: {what}"),
                    "changed": loc.pgettext("stance, no value", "{party} now {verb}: {what}"),
                    "restated": loc.pgettext("stance, no value",
                                             "{party} still {verb}: {what}")}[item.change]
    else:
        template = {"new": loc.pgettext("stance", "{party} {verb}: {what}"),
                    "changed": loc.pgettext("stance", "{party} now {verb}: {what}"),
                    "restated": loc.pgettext("stance", "{party} still {verb}: {what}")
                    }[item.change]
    head, governed = phrase(loc, stance, item.subject)
    return template.format(party=party(loc, stance), verb=verb(loc, stance),
                           to_party=to_party(loc, stance),
                           what=what(loc, stance, item.subject),
                           label=subject_label(loc, item.subject, stance),
                           phrase=f"{head} {governed}")


def before_text(loc: Locale, item: StanceChange) -> str | None:
    before = item.before
    if before is None:
        return None
    if item.change == "restated":
        return loc._("the same as on {date}").format(date=loc.date(before.date))
    head, governed = phrase(loc, before, item.subject, past=True)
    return loc._("before: {verb}: {what} ({when})").format(
        verb=verb(loc, before, past=True), what=what(loc, before, item.subject),
        when=when(loc, before), phrase=f"{head} {governed}")


# --- plandiff positions: terminal ------------------------------------------------------------


def _heading(loc: Locale, table: PositionsTable) -> str:
    return (loc._("Who wants what: every stated position") if table.history
            else loc._("Who wants what: each party's latest stated position"))


# The fewest cells a stance is given beside the party column (`positions` on a terminal).
_STANCE_ROOM = 40


def terminal(table: PositionsTable, console: Console, *, loc: Locale = ENGLISH) -> None:
    from plandiff.render.styled import Styled

    draft = table.draft
    console.print(Styled(_heading(loc, table), style="bold"))
    if draft is not None:
        console.print(Styled("  " + loc._(
            "beside the latest draft, {id} — {title} ({date})").format(
            id=draft.id, title=loc.plain_field(draft, "title"), date=loc.date(draft.date)),
            style="dim"))
    if not table.subjects:
        console.print(Styled(loc._("No positions are recorded (plans/positions.yaml)."),
                           style="dim"))
    for row in table.subjects:
        console.print()
        subject = row.subject
        shown = row.history if table.history else row.latest
        title = Styled(make_visible(subject_label(loc, subject, shown[0] if shown else None)),
                     style="bold")
        if subject.term is not None:
            title.append(f"  ({subject.term})", style="dim")
        console.print(title)
        if table.history:
            order = {s.party: i for i, s in enumerate(row.latest)}
            shown = tuple(sorted(shown, key=lambda s: (order.get(s.party, 0), s.date, s.index)))
        width = max((len(party(loc, s)) for s in shown), default=0)
        # The party beside its stances when its column leaves them _STANCE_ROOM cells; on a
        # narrower console, on a line of its own above them: a screen row of padding and a few
        # words read as nothing («الترويكا الأوروبية (فرنسا وألمانيا والمملكة المتحدة)»).
        above = width + 4 + _STANCE_ROOM > console.width
        last = None
        for stance in shown:
            if above:
                if stance.party != last:
                    console.print(Styled(f"  {make_visible(party(loc, stance))}"))
                last, width = stance.party, 0
                line = Styled("    ")
            else:
                line = Styled(f"  {make_visible(party(loc, stance)).ljust(width)}  ")
            head, governed = phrase(loc, stance, subject)
            line.append(loc.pgettext("verb column", "{verb:<10} ").format(verb=head),
                        style="bold")
            line.append(make_visible(governed))
            cited = values.witnessed(loc, stance.sources, stance.witnesses)
            line.append(f"  {when(loc, stance)}  {cited}", style="dim")
            console.print(line)
            text = loc.plain_field(stance.position, "text")
            console.print(Styled(f"  {' ' * width}  {make_visible(text)}", style="dim"))
        if draft is not None and subject.term is not None:
            line = Styled("  " + loc._("latest draft {id}: ").format(id=draft.id), style="cyan")
            line.append(make_visible(draft_text(loc, row.draft, subject)))
            met = meets_text(loc, row.agreement, table.parties)
            if met:
                line.append(f" — {met}", style="dim")
            console.print(line)
        if row.latest:
            console.print(Styled("  " + loc._("sides {sides}").format(
                sides=make_visible(sides_text(loc, row, table.parties))), style="yellow"))


# --- plandiff positions: Markdown --------------------------------------------------------------


def markdown(table: PositionsTable, *, loc: Locale = ENGLISH) -> str:
    from plandiff.render.markup import code, escape, field, footnote_id, footnotes

    draft = table.draft
    lines = ["# " + loc._("Who wants what"), ""]
    about = (loc._("Every stated position of each party on each term") if table.history
             else loc._("Each party's latest stated position on each term"))
    if draft is not None:
        about = loc._("{about}, beside the latest draft ({id} {title}, {date})").format(
            about=about, id=code(draft.id), title=field(loc, draft, "title"),
            date=loc.date(draft.date))
    lines += [about + loc._(". A position is what a party says it wants; it is never a change"
                            " of a draft."), ""]
    quotes: dict[str, list[str]] = {}
    head = (loc._("Party"), loc._("Stance"), loc._("Value"), loc._("Date"), loc._("Position"),
            loc._("Sources"))
    for row in table.subjects:
        subject = row.subject
        heading = escape(subject_label(loc, subject, row.history[0] if row.history else None))
        if subject.term is not None:
            heading += f" ({code(subject.term)})"
        lines += [f"## {heading}", "", "| " + " | ".join(head) + " |",
                  "|---|---|---|---|---|---|"]
        for stance in row.history:
            refs = (loc._(", ").join(f"[^{footnote_id(s)}]" for s in stance.sources)
                    or loc._("none"))
            if stance.sources:
                refs += f" ({values.witness_note(loc, stance.witnesses)})"
            at = stance.position.at
            dated = (loc.pgettext("markdown", "{date} at {version}").format(
                date=loc.date(stance.date), version=code(at), id=escape(at)) if at
                else loc.date(stance.date))
            lines.append(f"| {escape(party(loc, stance))} | {escape(stance_cell(loc, stance))} |"
                         f" {escape(value_cell(loc, stance, subject))} | {dated} |"
                         f" {field(loc, stance.position, 'text')} | {refs} |")
            for cite in stance.position.cites:
                if cite.quote:
                    quotes.setdefault(cite.source, []).append(cite.quote)
        if draft is not None and subject.term is not None:
            label = loc._("**Latest draft** ({id})").format(id=code(draft.id))
            lines.append(f"| {label} | | {escape(draft_text(loc, row.draft, subject))} |"
                         f" {loc.date(draft.date)} |"
                         f" {escape(meets_text(loc, row.agreement, table.parties))} | |")
        lines += ["", loc._("Sides: {sides}.").format(
            sides=escape(sides_text(loc, row, table.parties))), ""]
    if not table.subjects:
        lines += [loc._("No positions are recorded (`plans/positions.yaml`)."), ""]
    if table.sources:
        lines += ["## " + loc._("Sources"), "", *footnotes(loc, table.sources, quotes), ""]
    return "\n".join(lines).rstrip() + "\n"


# --- plandiff positions: JSON ------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, (Disputed, NoLongerKnown)):
        from plandiff.core.diff import claims_of
        from plandiff.render.json_shapes import value_json

        return value_json(claims_of(value, ()))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def stance_data(loc: Locale, stance: Stance, subject: Subject) -> dict[str, Any]:
    position = stance.position
    return {
        "party": stance.party,
        "party_name": stance.party_name,
        "stance": position.stance.value,
        "has_value": position.has_value,
        "value": _plain(position.value) if position.has_value else None,
        "value_label": stance_value(loc, stance, subject) if position.has_value else None,
        "date": stance.date.isoformat(),
        "at": position.at,
        "text": position.text,
        "note": position.note,
        "sources": list(stance.sources),
        "witnesses": {"independent": stance.witnesses, "sources": list(stance.sources)},
        "hedged": stance.hedged,
        "quotes": [{"source": c.source, "quote": c.quote} for c in position.cites if c.quote],
    }


def subject_data(subject: Subject) -> dict[str, Any]:
    term = subject.definition
    return {"term": subject.term, "issue": subject.issue, "label": subject.label,
            "type": term.type.value if term else None,
            "unit": term.unit if term else None, "currency": term.currency if term else None}


def _source(source: Source) -> dict[str, Any]:
    from plandiff.render.json_shapes import source_info

    return source_info(source)


def to_data(table: PositionsTable, *, loc: Locale = ENGLISH) -> dict[str, Any]:
    draft = table.draft
    subjects = []
    for row in table.subjects:
        found = row.agreement
        item: dict[str, Any] = {
            **subject_data(row.subject),
            "stances": [stance_data(loc, s, row.subject) for s in row.latest],
            "draft": None if row.draft is None else {
                "version": row.draft.version.id, "clause": row.draft.clause_id,
                "value": _plain(row.draft.value),
                "value_label": value_text(loc, row.subject.definition, row.draft.value),
                "reported": row.draft.reported, "stated_in": row.draft.stated_in},
            "sides": {
                "status": found.status,
                "groups": [{"value": _plain(v), "parties": list(p)} for v, p in found.groups],
                "rejects": [{"party": p, "value": _plain(v), "any": v is None}
                            for p, v in found.rejects],
                "no_value": list(found.no_value),
                "draft_meets": list(found.meets),
                "draft_misses": list(found.misses),
                "summary": sides_text(loc, row, table.parties),
            },
        }
        if table.history:
            item["history"] = [stance_data(loc, s, row.subject) for s in row.history]
        subjects.append(item)
    return {
        "format": FORMAT,
        "draft": None if draft is None else {"id": draft.id, "title": draft.title,
                                             "date": draft.date.isoformat()},
        "parties": table.parties,
        "subjects": subjects,
        "sources": {key: _source(s) for key, s in table.sources.items()},
    }


def to_json(table: PositionsTable, *, loc: Locale = ENGLISH) -> str:
    return json_text.dumps(to_data(table, loc=loc), indent=2) + "\n"


# --- the stance section of a diff --------------------------------------------------------------


def _window(loc: Locale, result: PlanDiff) -> str:
    low, high = sorted((result.base.date, result.head.date))
    return loc._("Stances stated after {low} and up to {high}").format(low=loc.date(low),
                                                                       high=loc.date(high))


def _note(loc: Locale) -> str:
    return loc._("the parties' stated positions, not changes of the draft's text or terms")


def diff_terminal(loc: Locale, result: PlanDiff, console: Console) -> None:
    """The diff's stance section in the terminal; nothing when no stance was stated."""
    from plandiff.render.styled import Styled

    if not result.stances:
        return
    console.print()
    console.print(Styled(loc._("{title} ({note}):").format(title=_window(loc, result),
                                                        note=_note(loc)), style="bold"))
    for item in result.stances:
        line = Styled("* ", style="bold magenta")
        line.append(make_visible(change_sentence(loc, item)), style="bold")
        line.append(f"  ({when(loc, item.stance)})", style="dim")
        console.print(line)
        before = before_text(loc, item)
        if before:
            console.print(Styled(f"    {make_visible(before)}", style="dim"))
        text = loc.plain_field(item.stance.position, "text")
        console.print(Styled(f"    {make_visible(text)}"))
        console.print(Styled("    " + loc._("sources: {sources}").format(
            sources=values.witnessed(loc, item.stance.sources, item.stance.witnesses)),
            style="dim"))


def diff_markdown(loc: Locale, result: PlanDiff) -> list[str]:
    """The diff's stance section in Markdown; no lines when no stance was stated."""
    from plandiff.render.markup import escape, field

    if not result.stances:
        return []
    lines = ["## " + _window(loc, result), "", loc._("These are {note}.").format(note=_note(loc)),
             ""]
    for item in result.stances:
        before = before_text(loc, item)
        # Quotes stay out: right-to-left quotes inline in an English list item read garbled;
        # `plandiff positions` and the JSON give them.
        sources = loc._(", ").join(f"`{s}`" for s in item.stance.sources) or loc._("none")
        if item.stance.sources:
            sources += f" ({values.witness_note(loc, item.stance.witnesses)})"
        lines.append("- " + loc._("**{sentence}** ({when}){before}. {text} Sources: {sources}.")
                     .format(sentence=escape(change_sentence(loc, item)),
                             when=escape(when(loc, item.stance)),
                             before=loc._("; ") + escape(before) if before else "",
                             text=field(loc, item.stance.position, "text"), sources=sources))
    lines.append("")
    return lines


def diff_json(loc: Locale, result: PlanDiff) -> list[dict[str, Any]]:
    """The diff's stances for `plandiff.diff/1` (an added top-level field, `stances`)."""
    items = []
    for item in result.stances:
        data = {**stance_data(loc, item.stance, item.subject),
                "subject": subject_data(item.subject), "change": item.change,
                "before": None if item.before is None else stance_data(loc, item.before,
                                                                       item.subject)}
        items.append(data)
    return items
