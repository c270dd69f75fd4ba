"""The diff's stance section in a language other than English (render/positions.py keeps the
English): party names, verbs, term labels and the positions' texts translated, English marked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plandiff.core.hidden_characters import make_visible
from plandiff.core.models import Disputed, NoLongerKnown
from plandiff.core.positions import (
    Agreement,
    DraftValue,
    PositionsTable,
    Stance,
    StanceChange,
    Subject,
    SubjectPositions,
)
from plandiff.i18n import _, pgettext
from plandiff.i18n import content as tr
from plandiff.render import values

if TYPE_CHECKING:
    from rich.console import Console

    from plandiff.core.diff import PlanDiff

def _verb(stance: Stance, *, past: bool = False) -> str:
    kind = stance.position.stance.value
    said = pgettext("stance-past", kind) if past else pgettext("stance", kind)
    return values.reported_verb(said, stance.hedged)


def _value(subject: Subject, raw: Any) -> str:
    term = subject.definition
    if isinstance(raw, Disputed):
        return _("disputed: {claims}").format(
            claims=" | ".join(_("unknown") if c.unknown is not None else _value(subject, c.value)
                              for c in raw.disputed))
    if isinstance(raw, NoLongerKnown):
        return _("no longer known ({since})").format(since=raw.unknown)
    if term is None:
        return _("none") if raw is None else str(raw)
    return values.value(term, raw)


def _what(stance: Stance, subject: Subject) -> str:
    if subject.definition is not None:
        label = tr.plain(*tr.label_of(subject.definition, subject.label))
    else:
        label = tr.plain_field(stance.position, "issue") or subject.label
    position = stance.position
    if position.has_value:
        return _("{label} — {value}").format(label=label, value=_value(subject, position.value))
    if position.stance.value == "reject" and subject.term is not None:
        return _("{label} — any value").format(label=label)
    return label


def _when(stance: Stance) -> str:
    from plandiff import i18n

    if stance.position.at:
        return _("{date}, at {version}").format(date=i18n.date(stance.date),
                                                  version=stance.position.at)
    return i18n.date(stance.date)


def sentence(item: StanceChange) -> str:
    stance = item.stance
    party = tr.party(stance.party, stance.party_name)
    template = {"new": _("{party} {verb}: {what}"), "changed": _("{party} now {verb}: {what}"),
                "restated": _("{party} still {verb}: {what}")}[item.change]
    return template.format(party=party, verb=_verb(stance), what=_what(stance, item.subject))


def before(item: StanceChange) -> str | None:
    from plandiff import i18n

    earlier = item.before
    if earlier is None:
        return None
    if item.change == "restated":
        return _("the same as on {date}").format(date=i18n.date(earlier.date))
    return _("before: {verb}: {what} ({when})").format(
        verb=_verb(earlier, past=True), what=_what(earlier, item.subject), when=_when(earlier))


def window(result: PlanDiff) -> str:
    from plandiff import i18n

    low, high = sorted((result.base.date, result.head.date))
    return _("Stances stated after {low} and up to {high}").format(low=i18n.date(low),
                                                                   high=i18n.date(high))


def _note() -> str:
    return _("the parties' stated positions, not changes of the draft's text or terms")


def terminal(result: PlanDiff, console: Console) -> None:
    from rich.text import Text

    console.print()
    console.print(Text(_("{title} ({note}):").format(title=window(result), note=_note()),
                       style="bold"))
    for item in result.stances:
        line = Text("* ", style="bold magenta")
        line.append(make_visible(sentence(item)), style="bold")
        line.append(f"  ({_when(item.stance)})", style="dim")
        console.print(line)
        earlier = before(item)
        if earlier:
            console.print(Text(f"    {make_visible(earlier)}", style="dim"))
        text = tr.plain_field(item.stance.position, "text")
        console.print(Text(f"    {make_visible(text)}"))
        console.print(Text("    " + _("sources: {sources}").format(
            sources=values.witnessed(item.stance.sources, item.stance.witnesses)), style="dim"))


def markdown(result: PlanDiff) -> list[str]:
    from plandiff.render.markdown import escape, field

    lines = ["## " + window(result), "", _("These are {note}.").format(note=_note()), ""]
    for item in result.stances:
        earlier = before(item)
        sources = _(", ").join(f"`{s}`" for s in item.stance.sources) or _("none")
        if item.stance.sources:
            sources += f" ({values.witness_note(item.stance.witnesses)})"
        lines.append("- " + _("**{sentence}** ({when}){before}. {text} Sources: {sources}.")
                     .format(sentence=escape(sentence(item)), when=escape(_when(item.stance)),
                             before=_("; ") + escape(earlier) if earlier else "",
                             text=field(item.stance.position, "text"), sources=sources))
    lines.append("")
    return lines


# --- plandiff positions, in another language -----------------------------------------------------


def _party(stance: Stance) -> str:
    return tr.party(stance.party, stance.party_name)


def _names(codes: tuple[str, ...] | list[str], parties: dict[str, str]) -> str:
    names = [tr.party(c, parties.get(c, c)) for c in codes]
    if len(names) == 1:
        return names[0]
    return _("{names} and {last}").format(names=_(", ").join(names[:-1]), last=names[-1])


def _subject_value(subject: Subject, raw: Any) -> str:
    return _value(subject, raw)


def stance_value(stance: Stance, subject: Subject) -> str:
    position = stance.position
    if position.has_value:
        return _value(subject, position.value)
    if position.stance.value == "reject" and subject.term is not None:
        return _("any value")
    return "—"


def subject_label(subject: Subject, stance: Stance | None = None) -> str:
    if subject.definition is not None:
        return tr.plain(*tr.label_of(subject.definition, subject.label))
    if stance is not None:
        return tr.plain_field(stance.position, "issue") or subject.label
    return tr.plain(subject.label, False)


def sides(row: SubjectPositions, parties: dict[str, str]) -> str:
    found = row.agreement
    if found.status == "none":
        return _("no party's position is recorded")
    if found.status == "one-party":
        return _("only {party} has a recorded position").format(party=_party(row.latest[0]))
    parts = [_("{parties}: {value}").format(parties=_names(found_parties, parties),
                                            value=_subject_value(row.subject, value))
             for value, found_parties in found.groups]
    parts += [_("{party} rejects {value}").format(
        party=tr.party(p, parties.get(p, p)),
        value=_("any value") if v is None else _subject_value(row.subject, v))
        for p, v in found.rejects]
    if found.no_value:
        parts.append(_("{parties}: no value named").format(
            parties=_names(found.no_value, parties)))
    label = {"converged": _("converged"), "apart": _("apart"),
             "unclear": _("not comparable")}[found.status]
    return f"{label}: " + _("; ").join(parts)


def draft(value: DraftValue | None, subject: Subject) -> str:
    if value is None:
        return _("not set in its text")
    state = (_("reported") if value.reported
             else _("carried from {version}").format(version=value.stated_in))
    return f"{_subject_value(subject, value.value)} ({value.clause_id}، {state})"


def meets(found: Agreement, parties: dict[str, str]) -> str:
    parts = []
    if found.meets:
        parts.append(_("meets the line of {parties}").format(parties=_names(found.meets, parties)))
    if found.misses:
        parts.append(_("not the line of {parties}").format(
            parties=_names(found.misses, parties)))
    return _("; ").join(parts)


def _heading(table: PositionsTable) -> str:
    return (_("Who wants what: every stated position") if table.history
            else _("Who wants what: each party's latest stated position"))


def positions_terminal(table: PositionsTable, console: Console) -> None:
    from rich.text import Text

    from plandiff import i18n

    latest = table.draft
    console.print(Text(_heading(table), style="bold"))
    if latest is not None:
        console.print(Text("  " + _("beside the latest draft, {id} — {title} ({date})").format(
            id=latest.id, title=tr.plain_field(latest, "title"), date=i18n.date(latest.date)),
            style="dim"))
    if not table.subjects:
        console.print(Text(_("No positions are recorded (plans/positions.yaml)."), style="dim"))
    for row in table.subjects:
        console.print()
        subject = row.subject
        shown = row.history if table.history else row.latest
        title = Text(make_visible(subject_label(subject, shown[0] if shown else None)),
                     style="bold")
        if subject.term is not None:
            title.append(f"  ({subject.term})", style="dim")
        console.print(title)
        if table.history:
            order = {s.party: i for i, s in enumerate(row.latest)}
            shown = tuple(sorted(shown, key=lambda s: (order.get(s.party, 0), s.date, s.index)))
        width = max((len(_party(s)) for s in shown), default=0)
        for stance in shown:
            line = Text(f"  {make_visible(_party(stance)).ljust(width)}  ")
            line.append(f"{_verb(stance)} ", style="bold")
            line.append(make_visible(stance_value(stance, subject)))
            cited = values.witnessed(stance.sources, stance.witnesses) if stance.sources else ""
            line.append(f"  {_when(stance)}  {cited}", style="dim")
            console.print(line)
            text = tr.plain_field(stance.position, "text")
            console.print(Text(f"  {' ' * width}  {make_visible(text)}", style="dim"))
        if latest is not None and subject.term is not None:
            line = Text("  " + _("latest draft {id}: ").format(id=latest.id), style="cyan")
            line.append(make_visible(draft(row.draft, subject)))
            met = meets(row.agreement, table.parties)
            if met:
                line.append(f" — {met}", style="dim")
            console.print(line)
        if row.latest:
            console.print(Text("  " + _("sides: {sides}").format(
                sides=make_visible(sides(row, table.parties))), style="yellow"))


def positions_markdown(table: PositionsTable) -> str:
    from plandiff import i18n
    from plandiff.render.markdown import code, escape, field, footnote_id, footnotes

    latest = table.draft
    lines = ["# " + _("Who wants what"), ""]
    about = (_("Every stated position of each party on each term") if table.history
             else _("Each party's latest stated position on each term"))
    if latest is not None:
        about = _("{about}, beside the latest draft ({id} {title}, {date})").format(
            about=about, id=code(latest.id), title=field(latest, "title"),
            date=i18n.date(latest.date))
    lines += [about + _(". A position is what a party says it wants; it is never a change of a"
                        " draft."), ""]
    quotes: dict[str, list[str]] = {}
    head = (_("Party"), _("Stance"), _("Value"), _("Date"), _("Position"), _("Sources"))
    for row in table.subjects:
        subject = row.subject
        heading = escape(subject_label(subject, row.history[0] if row.history else None))
        if subject.term is not None:
            heading += f" ({code(subject.term)})"
        lines += [f"## {heading}", "", "| " + " | ".join(head) + " |",
                  "|---|---|---|---|---|---|"]
        for stance in row.history:
            refs = _(", ").join(f"[^{footnote_id(s)}]" for s in stance.sources) or _("none")
            if stance.sources:
                refs += f" ({values.witness_note(stance.witnesses)})"
            when = escape(_when(stance))
            lines.append(f"| {escape(_party(stance))} | {escape(_verb(stance))} |"
                         f" {escape(stance_value(stance, subject))} | {when} |"
                         f" {field(stance.position, 'text')} | {refs} |")
            for cite in stance.position.cites:
                if cite.quote:
                    quotes.setdefault(cite.source, []).append(cite.quote)
        if latest is not None and subject.term is not None:
            label = _("**Latest draft** ({id})").format(id=code(latest.id))
            lines.append(f"| {label} | | {escape(draft(row.draft, subject))} |"
                         f" {i18n.date(latest.date)} |"
                         f" {escape(meets(row.agreement, table.parties))} | |")
        lines += ["", _("Sides: {sides}.").format(sides=escape(sides(row, table.parties))), ""]
    if not table.subjects:
        lines += [_("No positions are recorded (`plans/positions.yaml`)."), ""]
    if table.sources:
        lines += ["## " + _("Sources"), "", *footnotes(table.sources, quotes), ""]
    return "\n".join(lines).rstrip() + "\n"
