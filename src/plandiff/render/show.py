"""A version's resolved clauses, with their sources: terminal, Markdown, JSON, numbered text."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from plandiff.core.models import Disputed, NoLongerKnown, Plan
from plandiff.core.problems import PlandiffError
from plandiff.core.resolve import ResolvedClause, ResolvedVersion
from plandiff.render import values
from plandiff.render.json import source_info, version_info

if TYPE_CHECKING:
    from rich.console import Console


def select(resolved: ResolvedVersion, clause_id: str | None) -> list[ResolvedClause]:
    if clause_id is None:
        return list(resolved.clauses.values())
    for clause in resolved.clauses.values():
        if clause.id == clause_id or clause_id in clause.identities:
            return [clause]
    import difflib

    close = difflib.get_close_matches(clause_id, list(resolved.clauses), n=1)
    raise PlandiffError(f"version `{resolved.id}` has no clause `{clause_id}`",
                        f"did you mean `{close[0]}`?" if close
                        else "`plandiff show VERSION` lists its clauses")


def _term_text(plan: Plan, clause: ResolvedClause, term_id: str, version_id: str) -> str:
    """'Label: value', then '(carried from VERSION)' and that version's sources where the
    version shown does not state the value itself."""
    value = clause.clause.terms[term_id]
    term = plan.terms.get(term_id)
    label = term.label if term else term_id
    if isinstance(value, NoLongerKnown):
        return f"{label}: not reported since {clause.stated_in(term_id)} ({value.unknown})"
    if isinstance(value, Disputed):
        parts = []
        for claim in value.disputed:
            shown = values.value(term, claim.value) if term else str(claim.value)
            parts.append(f"{shown} ({', '.join(c.source for c in claim.cites)})")
        text = f"{label}: disputed: " + " | ".join(parts)
    else:
        text = f"{label}: {values.value(term, value) if term else value}"
    carried_from = clause.carried_from(term_id, version_id)
    if carried_from is None:
        return text
    text += values.carried(carried_from)
    where = clause.stated.get(term_id)
    if where is not None and where.sources and not isinstance(value, Disputed):
        text += f" — sources of {carried_from}: {', '.join(where.sources)}"
    return text


def stated_in(clause: ResolvedClause) -> dict[str, str]:
    return {term_id: clause.stated_in(term_id) for term_id in clause.clause.terms}


def _status(clause: ResolvedClause, version_id: str) -> str:
    if clause.removed:
        return "removed" if clause.reported else f"removed in {clause.reported_in}"
    return "reported" if clause.reported else f"unreported (last reported in {clause.reported_in})"


def to_json(plan: Plan, resolved: ResolvedVersion, clauses: list[ResolvedClause]) -> str:
    data = {
        "format": "plandiff.show/1",
        "version": version_info(resolved.version),
        "clauses": [{
            "id": c.id, "number": c.clause.number, "title": c.clause.title,
            "topic": c.clause.topic, "text": c.clause.text, "removed": c.removed,
            "reported": c.reported, "reported_in": c.reported_in,
            "terms": {k: (v.model_dump(mode="json") if isinstance(v, (Disputed, NoLongerKnown))
                          else _jsonable(v))
                      for k, v in c.clause.terms.items()},
            "stated_in": stated_in(c),
            "cites": [cite.model_dump(mode="json", exclude_none=True) for cite in c.clause.cites],
        } for c in clauses],
        "sources": {s: source_info(plan.sources[s]) for s in sorted(
            ({cite.source for c in clauses for cite in c.clause.cites}
             | {s for c in clauses for where in c.stated.values() for s in where.sources})
            & set(plan.sources))},
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _jsonable(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def numbered_text(resolved: ResolvedVersion, clauses: list[ResolvedClause]) -> str:
    """The version as a plain numbered list, the way plans are published in articles. Where the
    version numbers its points, a clause without a number (one about the document as a whole) is a
    paragraph before the list, never given a number that another point has."""
    lines = [resolved.version.title, ""]
    if resolved.version.summary:
        lines += [" ".join(resolved.version.summary.split()), ""]
    live = [c for c in clauses if not c.removed]
    numbered = any(c.clause.number is not None for c in live)
    for clause in live if numbered else ():
        if clause.clause.number is None:
            lines += [" ".join((clause.clause.text or "").split()), ""]
    for position, clause in enumerate(live, 1):
        number = clause.clause.number if numbered else position
        if number is not None:
            lines.append(f"{number}. {' '.join((clause.clause.text or '').split())}")
    return "\n".join(lines) + "\n"


def markdown(plan: Plan, resolved: ResolvedVersion, clauses: list[ResolvedClause]) -> str:
    from plandiff.render.markdown import code, escape

    version = resolved.version
    lines = [f"# {code(version.id)} — {escape(version.title)}", "",
             f"{version.date.isoformat()} · {version.status.value} · {version.coverage.value}"
             f" coverage · parties: {escape(', '.join(version.parties)) or 'unknown'}", ""]
    if version.summary:
        lines += [escape(version.summary), ""]
    for clause in clauses:
        given = clause.clause.number
        number = f"{escape(str(given))}. " if given is not None else ""
        title = escape(clause.clause.title) if clause.clause.title else ""
        lines += [f"## {number}{code(clause.id)} {title}".rstrip(), "",
                  f"*{escape(_status(clause, version.id))}*", ""]
        if clause.clause.text:
            lines += [escape(clause.clause.text), ""]
        for term_id in clause.clause.terms:
            lines.append(f"- {escape(_term_text(plan, clause, term_id, version.id))}")
        if clause.clause.terms:
            lines.append("")
        for cite in clause.clause.cites:
            source = plan.sources.get(cite.source)
            outlet = escape(source.outlet) if source else ""
            quote = f": “{escape(cite.quote)}”" if cite.quote else ""
            lines.append(f"- {code(cite.source)} {outlet}{quote}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def terminal(plan: Plan, resolved: ResolvedVersion, clauses: list[ResolvedClause],
             console: Console) -> None:
    from rich.text import Text

    version = resolved.version
    console.print(Text(values.version_line(version), style="bold"))
    if version.summary:
        console.print(Text(" ".join(version.summary.split()), style="dim"))
    for clause in clauses:
        console.print()
        number = f"{clause.clause.number}. " if clause.clause.number is not None else ""
        head = Text(f"{number}{clause.id}", style="bold")
        if clause.clause.title:
            head.append(f"  {clause.clause.title}")
        style = "dim" if not clause.reported else "red" if clause.removed else "green"
        head.append(f"  {_status(clause, version.id)}", style=style)
        console.print(head)
        if clause.clause.text:
            console.print(Text("    " + " ".join(clause.clause.text.split())))
        for term_id in clause.clause.terms:
            console.print(Text("    " + _term_text(plan, clause, term_id, version.id),
                               style="bold"))
        for cite in clause.clause.cites:
            quote = f': "{cite.quote}"' if cite.quote else ""
            console.print(Text(f"    [{cite.source}]{quote}", style="dim"))
