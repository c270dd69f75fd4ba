"""Views of who wants what: `plandiff positions` (terminal, Markdown, `plandiff.positions/1`
JSON) and the stance section of a diff, kept apart from the draft's changes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from plandiff import i18n
from plandiff.core.hidden_characters import make_visible
from plandiff.core.models import Disputed, NoLongerKnown, Source, Term
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
from plandiff.render import json_text, values

if TYPE_CHECKING:
    from rich.console import Console

    from plandiff.core.diff import PlanDiff

FORMAT = "plandiff.positions/1"
SECTION_NOTE = "the parties' stated positions, not changes of the draft's text or terms"


# --- words shared by the views -----------------------------------------------------------------


def verb(stance: Stance, *, past: bool = False) -> str:
    """'accepts'; 'reportedly accepts' where every citation of the stance is hedged."""
    said = VERBS[stance.position.stance][1 if past else 0]
    return values.reported_verb(said, stance.hedged)


def value_text(term: Term | None, raw: Any) -> str:
    """A plain, disputed or no-longer-known value in words."""
    if isinstance(raw, Disputed):
        return "disputed: " + " | ".join(
            "unknown" if c.unknown is not None else value_text(term, c.value)
            for c in raw.disputed)
    if isinstance(raw, NoLongerKnown):
        return f"no longer known ({raw.unknown})"
    if term is None:
        return "none" if raw is None else str(raw)
    return values.value(term, raw)


def stance_value(stance: Stance, subject: Subject) -> str:
    """What the stance names: the value in words, `any` for a refusal of any value, or `—`."""
    position = stance.position
    if position.has_value:
        return value_text(subject.definition, position.value)
    if position.stance.value == "reject" and subject.term is not None:
        return "any"
    return "—"


def what(stance: Stance, subject: Subject) -> str:
    """'Cap on Ukraine's armed forces — 800,000 personnel', or the label alone without a value."""
    shown = stance_value(stance, subject)
    return subject.label if shown == "—" else f"{subject.label} — {shown}"


def sides_text(row: SubjectPositions, parties: dict[str, str]) -> str:
    """Where the sides stand, in one sentence."""
    found = row.agreement
    name = parties.get
    term = row.subject.definition
    if found.status == "none":
        return "no party's position is recorded"
    if found.status == "one-party":
        only = row.latest[0]
        return f"only {only.party_name} has a recorded position"
    parts = [f"{_names(found_parties, parties)}: {value_text(term, value)}"
             for value, found_parties in found.groups]
    parts += [f"{name(p, p)} rejects {'any' if v is None else value_text(term, v)}"
              for p, v in found.rejects]
    if found.no_value:
        ending = "s" if len(found.no_value) == 1 else ""
        parts.append(f"{_names(found.no_value, parties)} name{ending} no value")
    label = {"converged": "converged", "apart": "apart", "unclear": "not comparable"}[found.status]
    return f"{label}: " + "; ".join(parts)


def draft_text(draft: DraftValue | None, subject: Subject) -> str:
    if draft is None:
        return "not set in its text"
    state = "reported" if draft.reported else f"carried from {draft.stated_in}"
    return f"{value_text(subject.definition, draft.value)} ({draft.clause_id}, {state})"


def meets_text(found: Agreement, parties: dict[str, str]) -> str:
    parts = []
    if found.meets:
        parts.append(f"meets the line of {_names(found.meets, parties)}")
    if found.misses:
        parts.append(f"not the line of {_names(found.misses, parties)}")
    return "; ".join(parts)


def _names(codes: tuple[str, ...] | list[str], parties: dict[str, str]) -> str:
    names = [parties.get(c, c) for c in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _when(stance: Stance) -> str:
    at = f", at {stance.position.at}" if stance.position.at else ""
    return f"{stance.date.isoformat()}{at}"


def change_sentence(item: StanceChange) -> str:
    """'Russia now demands ...', 'Ukraine still insists on ...', 'the US accepts ...'."""
    stance, subject = item.stance, item.subject
    adverb = {"new": "", "changed": "now ", "restated": "still "}[item.change]
    return f"{stance.party_name} {adverb}{verb(stance)}: {what(stance, subject)}"


def before_text(item: StanceChange) -> str | None:
    before = item.before
    if before is None:
        return None
    if item.change == "restated":
        return f"the same as on {before.date.isoformat()}"
    return f"before: {verb(before, past=True)}: {what(before, item.subject)} ({_when(before)})"


# --- plandiff positions: terminal ------------------------------------------------------------


def terminal(table: PositionsTable, console: Console) -> None:
    from rich.text import Text

    if not i18n.english():
        from plandiff.render.stances_translated import positions_terminal

        return positions_terminal(table, console)
    draft = table.draft
    heading = "Who wants what: " + ("every stated position" if table.history
                                    else "each party's latest stated position")
    console.print(Text(heading, style="bold"))
    if draft is not None:
        console.print(Text(f"  beside the latest draft, {draft.id} — {draft.title}"
                           f" ({draft.date.isoformat()})", style="dim"))
    if not table.subjects:
        console.print(Text("No positions are recorded (plans/positions.yaml).", style="dim"))
    for row in table.subjects:
        console.print()
        subject = row.subject
        title = Text(make_visible(subject.label), style="bold")
        if subject.term is not None:
            title.append(f"  ({subject.term})", style="dim")
        console.print(title)
        shown = row.history if table.history else row.latest
        if table.history:
            order = {s.party: i for i, s in enumerate(row.latest)}
            shown = tuple(sorted(shown, key=lambda s: (order.get(s.party, 0), s.date, s.index)))
        width = max((len(s.party_name) for s in shown), default=0)
        for stance in shown:
            line = Text(f"  {make_visible(stance.party_name).ljust(width)}  ")
            line.append(f"{verb(stance):<10} ", style="bold")
            line.append(make_visible(stance_value(stance, subject)))
            line.append(f"  {_when(stance)}  {values.witnessed(stance.sources, stance.witnesses)}",
                        style="dim")
            console.print(line)
            console.print(Text(f"  {' ' * width}  {make_visible(stance.position.text)}",
                               style="dim"))
        if draft is not None and subject.term is not None:
            line = Text(f"  latest draft {draft.id}: ", style="cyan")
            line.append(make_visible(draft_text(row.draft, subject)))
            met = meets_text(row.agreement, table.parties)
            if met:
                line.append(f" — {met}", style="dim")
            console.print(line)
        if row.latest:
            console.print(Text(f"  sides {make_visible(sides_text(row, table.parties))}",
                               style="yellow"))


# --- plandiff positions: Markdown --------------------------------------------------------------


def markdown(table: PositionsTable) -> str:
    from plandiff.render.markdown import code, escape, footnotes

    if not i18n.english():
        from plandiff.render.stances_translated import positions_markdown

        return positions_markdown(table)
    draft = table.draft
    lines = ["# Who wants what", ""]
    about = ("Every stated position of each party" if table.history
             else "Each party's latest stated position")
    beside = (f", beside the latest draft ({code(draft.id)} {escape(draft.title)},"
              f" {draft.date.isoformat()})" if draft is not None else "")
    lines += [f"{about} on each term{beside}. A position is what a party says it wants; it is"
              " never a change of a draft.", ""]
    quotes: dict[str, list[str]] = {}
    for row in table.subjects:
        subject = row.subject
        heading = escape(subject.label)
        if subject.term is not None:
            heading += f" ({code(subject.term)})"
        lines += [f"## {heading}", "", "| Party | Stance | Value | Date | Position | Sources |",
                  "|---|---|---|---|---|---|"]
        for stance in row.history:
            refs = ", ".join(f"[^{_footnote(s)}]" for s in stance.sources) or "none"
            if stance.sources:
                refs += f" ({values.witness_note(stance.witnesses)})"
            at = f" at {code(stance.position.at)}" if stance.position.at else ""
            lines.append(f"| {escape(stance.party_name)} | {verb(stance)} |"
                         f" {escape(stance_value(stance, subject))} |"
                         f" {stance.date.isoformat()}{at} | {escape(stance.position.text)} |"
                         f" {refs} |")
            for cite in stance.position.cites:
                if cite.quote:
                    quotes.setdefault(cite.source, []).append(cite.quote)
        if draft is not None and subject.term is not None:
            lines.append(f"| **Latest draft** ({code(draft.id)}) | | "
                         f"{escape(draft_text(row.draft, subject))} | {draft.date.isoformat()} |"
                         f" {escape(meets_text(row.agreement, table.parties))} | |")
        lines += ["", f"Sides: {escape(sides_text(row, table.parties))}.", ""]
    if not table.subjects:
        lines += ["No positions are recorded (`plans/positions.yaml`).", ""]
    if table.sources:
        lines += ["## Sources", "", *footnotes(table.sources, quotes), ""]
    return "\n".join(lines).rstrip() + "\n"


def _footnote(source_id: str) -> str:
    from plandiff.render.markdown import footnote_id

    return footnote_id(source_id)


# --- plandiff positions: JSON ------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, (Disputed, NoLongerKnown)):
        from plandiff.core.diff import claims_of
        from plandiff.render.json import value_json

        return value_json(claims_of(value, ()))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def stance_data(stance: Stance, subject: Subject) -> dict[str, Any]:
    position = stance.position
    return {
        "party": stance.party,
        "party_name": stance.party_name,
        "stance": position.stance.value,
        "has_value": position.has_value,
        "value": _plain(position.value) if position.has_value else None,
        "value_label": _stance_value(stance, subject) if position.has_value else None,
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
    from plandiff.render.json import source_info

    return source_info(source)


def _stance_value(stance: Stance, subject: Subject) -> str:
    if i18n.english():
        return stance_value(stance, subject)
    from plandiff.render.stances_translated import stance_value as translated

    return translated(stance, subject)


def _sides(row: SubjectPositions, parties: dict[str, str]) -> str:
    if i18n.english():
        return sides_text(row, parties)
    from plandiff.render.stances_translated import sides

    return sides(row, parties)


def to_data(table: PositionsTable) -> dict[str, Any]:
    draft = table.draft
    subjects = []
    for row in table.subjects:
        found = row.agreement
        item: dict[str, Any] = {
            **subject_data(row.subject),
            "stances": [stance_data(s, row.subject) for s in row.latest],
            "draft": None if row.draft is None else {
                "version": row.draft.version.id, "clause": row.draft.clause_id,
                "value": _plain(row.draft.value),
                "value_label": value_text(row.subject.definition, row.draft.value),
                "reported": row.draft.reported, "stated_in": row.draft.stated_in},
            "sides": {
                "status": found.status,
                "groups": [{"value": _plain(v), "parties": list(p)} for v, p in found.groups],
                "rejects": [{"party": p, "value": _plain(v), "any": v is None}
                            for p, v in found.rejects],
                "no_value": list(found.no_value),
                "draft_meets": list(found.meets),
                "draft_misses": list(found.misses),
                "summary": _sides(row, table.parties),
            },
        }
        if table.history:
            item["history"] = [stance_data(s, row.subject) for s in row.history]
        subjects.append(item)
    return {
        "format": FORMAT,
        "draft": None if draft is None else {"id": draft.id, "title": draft.title,
                                             "date": draft.date.isoformat()},
        "parties": table.parties,
        "subjects": subjects,
        "sources": {key: _source(s) for key, s in table.sources.items()},
    }


def to_json(table: PositionsTable) -> str:
    return json_text.dumps(to_data(table), indent=2) + "\n"


# --- the stance section of a diff --------------------------------------------------------------


def _window(result: PlanDiff) -> str:
    low, high = sorted((result.base.date, result.head.date))
    return f"after {low.isoformat()} and up to {high.isoformat()}"


def diff_terminal(result: PlanDiff, console: Console) -> None:
    """The diff's stance section in the terminal; nothing when no stance was stated."""
    from rich.text import Text

    if not result.stances:
        return
    if not i18n.english():
        from plandiff.render.stances_translated import terminal as translated

        return translated(result, console)
    console.print()
    console.print(Text(f"Stances stated {_window(result)} ({SECTION_NOTE}):", style="bold"))
    for item in result.stances:
        line = Text("* ", style="bold magenta")
        line.append(make_visible(change_sentence(item)), style="bold")
        line.append(f"  ({_when(item.stance)})", style="dim")
        console.print(line)
        before = before_text(item)
        if before:
            console.print(Text(f"    {make_visible(before)}", style="dim"))
        console.print(Text(f"    {make_visible(item.stance.position.text)}"))
        console.print(Text("    sources: "
                           + values.witnessed(item.stance.sources, item.stance.witnesses),
                           style="dim"))


def diff_markdown(result: PlanDiff) -> list[str]:
    """The diff's stance section in Markdown; no lines when no stance was stated."""
    from plandiff.render.markdown import escape

    if not result.stances:
        return []
    if not i18n.english():
        from plandiff.render.stances_translated import markdown as translated

        return translated(result)
    lines = [f"## Stances stated {_window(result)}", "",
             f"These are {SECTION_NOTE}.", ""]
    for item in result.stances:
        before = before_text(item)
        # Quotes stay out: right-to-left quotes inline in an English list item read garbled;
        # `plandiff positions` and the JSON give them.
        sources = ", ".join(f"`{s}`" for s in item.stance.sources) or "none"
        if item.stance.sources:
            sources += f" ({values.witness_note(item.stance.witnesses)})"
        lines.append(f"- **{escape(change_sentence(item))}** ({escape(_when(item.stance))})"
                     f"{'; ' + escape(before) if before else ''}."
                     f" {escape(item.stance.position.text)} Sources: {sources}.")
    lines.append("")
    return lines


def diff_json(result: PlanDiff) -> list[dict[str, Any]]:
    """The diff's stances for `plandiff.diff/1` (an added top-level field, `stances`)."""
    items = []
    for item in result.stances:
        data = {**stance_data(item.stance, item.subject), "subject": subject_data(item.subject),
                "change": item.change,
                "before": None if item.before is None else stance_data(item.before,
                                                                       item.subject)}
        items.append(data)
    return items
