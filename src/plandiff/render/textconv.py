"""A plan file as plain text for `git diff` (a textconv driver): one block per clause."""

from __future__ import annotations

from typing import Any

from plandiff.core.hidden_characters import make_visible


def _line(text: Any) -> str:
    return make_visible(" ".join(str(text).split()))


def _value(value: Any, term: dict[str, Any] | None) -> str:
    if isinstance(value, dict) and "unknown" in value:
        return f"no longer known ({_line(value['unknown'])})"
    if isinstance(value, dict) and "disputed" in value:
        claims = []
        for claim in value.get("disputed") or []:
            if isinstance(claim, dict):
                sources = ", ".join(str(c.get("source")) for c in claim.get("cites") or []
                                    if isinstance(c, dict))
                claims.append(f"{_value(claim.get('value'), term)} ({sources})")
        return "disputed: " + " | ".join(claims)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)) and term:
        unit = term.get("unit") or term.get("currency") or ""
        return f"{value:,} {unit}".strip()
    if isinstance(value, str) and term and isinstance(term.get("choices"), dict):
        label = term["choices"].get(value)
        return f"{value} ({label})" if label else value
    return "none" if value is None else _line(value)


def version_text(data: dict[str, Any], terms: dict[str, Any]) -> str:
    out = [f"version {data.get('id')} — {_line(data.get('title', ''))}"]
    facts = [str(data.get("date", "")), str(data.get("status", "")), str(data.get("coverage", ""))]
    if data.get("parent"):
        facts.append(f"parent {data['parent']}")
    if data.get("parties"):
        facts.append("parties " + ", ".join(map(str, data["parties"])))
    out.append(" · ".join(f for f in facts if f))
    if data.get("coverage") == "partial" and data.get("parent"):
        out.append(f"(partial: clauses and terms not listed here are carried from"
                   f" {_line(data['parent'])})")
    if data.get("summary"):
        out.append(f"summary: {_line(data['summary'])}")
    return "\n".join(out + clause_lines(data, terms)) + "\n"


def clause_lines(data: dict[str, Any], terms: dict[str, Any]) -> list[str]:
    """The clauses a version file, or a chapter file of a folder version, lists."""
    out: list[str] = []
    for clause in data.get("clauses") or []:
        if not isinstance(clause, dict):
            out += ["", f"(not a clause: {_line(clause)})"]
            continue
        number = f"[{clause['number']}] " if clause.get("number") is not None else ""
        title = f" — {_line(clause['title'])}" if clause.get("title") else ""
        out += ["", f"{number}{clause.get('id')}{title}"]
        if clause.get("was"):
            out.append(f"    continues: {clause['was']}")
        if clause.get("removed"):
            out.append("    REMOVED")
        if clause.get("text"):
            out.append(f"    {_line(clause['text'])}")
        for term_id, value in (clause.get("terms") or {}).items():
            term = terms.get(term_id) if isinstance(terms.get(term_id), dict) else None
            label = term.get("label", term_id) if term else term_id
            out.append(f"    {label}: {_value(value, term)}")
        for cite in clause.get("cites") or []:
            if isinstance(cite, dict):
                quote = f' "{_line(cite["quote"])}"' if cite.get("quote") else ""
                out.append(f"    cites {cite.get('source')}{quote}")
    return out


def mapping_text(data: dict[str, Any]) -> str:
    out = []
    for key, fields in data.items():
        out.append(f"{key}")
        if isinstance(fields, dict):
            for name, value in fields.items():
                if isinstance(value, dict):
                    for sub, label in value.items():
                        out.append(f"    {name}.{sub}: {_line(label)}")
                else:
                    out.append(f"    {name}: {_line(value)}")
        out.append("")
    return "\n".join(out)


def positions_text(data: dict[str, Any], terms: dict[str, Any]) -> str:
    """plans/positions.yaml: the parties, then one block per stated position."""
    parties = data.get("parties")
    listed = parties.items() if isinstance(parties, dict) else ()
    out = ["parties"] + [f"    {code}: {_line(name)}" for code, name in listed]
    for position in data.get("positions") or []:
        if not isinstance(position, dict):
            out += ["", f"(not a position: {_line(position)})"]
            continue
        subject = str(position.get("term") or position.get("issue"))
        term = terms.get(subject) if isinstance(terms.get(subject), dict) else None
        label = term.get("label", subject) if term else subject
        value = f": {_value(position['value'], term)}" if "value" in position else ""
        at = f" at {position['at']}" if position.get("at") else ""
        out += ["", f"{position.get('party')} {position.get('stance')} — {_line(label)}{value}"
                    f" · {position.get('date')}{at}"]
        if position.get("text"):
            out.append(f"    {_line(position['text'])}")
        for cite in position.get("cites") or []:
            if isinstance(cite, dict):
                quote = f' "{_line(cite["quote"])}"' if cite.get("quote") else ""
                out.append(f"    cites {cite.get('source')}{quote}")
        if position.get("note"):
            out.append(f"    note: {_line(position['note'])}")
    return "\n".join(out) + "\n"


def render(data: Any, terms: dict[str, Any]) -> str | None:
    """The text for git, or None when the data is not a plan file (then git shows it raw)."""
    if not isinstance(data, dict):
        return None
    if "clauses" in data and "id" not in data:  # a chapter of a folder version
        return "\n".join(["chapter", *clause_lines(data, terms)]) + "\n"
    if "clauses" in data or ("id" in data and "coverage" in data):
        return version_text(data, terms)
    if isinstance(data.get("positions"), list):
        return positions_text(data, terms)
    return mapping_text(data)
