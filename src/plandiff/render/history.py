"""Views of a History: terminal (with a bar chart), Markdown (with a Mermaid chart), JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plandiff.core.hidden_characters import make_visible
from plandiff.core.history import History, HistoryPoint, chart_series
from plandiff.i18n import ENGLISH, Locale
from plandiff.render import json_text, known, values
from plandiff.render import markdown as md
from plandiff.render.json import value_json, version_info, witnesses_json

if TYPE_CHECKING:
    from rich.console import Console

def value_text(loc: Locale, result: History, point: HistoryPoint) -> str:
    """The value at a point, saying where it is carried from when the version does not state it."""
    claims = point.claims
    if result.term is None:
        return ""
    if not claims:
        return loc._("not set")
    if len(claims) == 1 and not claims[0].known:
        return loc._("not reported since {version}").format(version=point.reported_in)
    if len(claims) == 1:
        text = values.reported(loc, values.value(loc, result.term, claims[0].value),
                               claims[0].hedged)
    else:
        parts = [f"{values.reported(loc, values.value(loc, result.term, c.value), c.hedged)}"
                 f" ({values.claim_sources(loc, c.sources, c.independent)})" for c in claims]
        text = loc._("disputed: {claims}").format(claims=" | ".join(parts))
    return text + values.carried(loc, point.carried_from)


def _witness_suffix(loc: Locale, point: HistoryPoint) -> str:
    """' (2 independent witnesses)' after the sources of a value that is not disputed (a
    disputed value gives each claim's count in its value)."""
    if len(point.claims) != 1 or not point.claims[0].known or not point.claims[0].independent:
        return ""
    return f" ({values.witness_note(loc, point.claims[0].independent)})"


def change_text(loc: Locale, result: History, point: HistoryPoint) -> str:
    if point.change is None:
        return "—"
    if point.change == "changed" and point.delta is not None and result.term is not None:
        return values.movement_text(loc, result.term, point.delta, point.percent)
    return {"same": loc._("same"), "changed": loc._("changed"), "set": loc._("new"),
            "unset": loc._("dropped")}[point.change]


def state_text(loc: Locale, point: HistoryPoint) -> str:
    if point.state == "unreported":
        return loc._("unreported (from {version})").format(version=point.reported_in)
    if point.state == "carried":
        return loc._("clause reported, value carried from {version}").format(
            version=point.reported_in)
    return {"reported": loc._("reported"), "unreported": loc._("unreported"),
            "removed": loc._("removed"), "absent": loc._("not in this version")}[point.state]


def to_data(result: History) -> dict[str, Any]:
    points = []
    for point in result.points:
        item: dict[str, Any] = {
            "version": version_info(point.version), "state": point.state,
            "clause": point.clause_id, "reported_in": point.reported_in, "change": point.change,
        }
        if result.kind == "term":
            item["value"] = value_json(point.claims)
            item["value_is"] = (None if not point.claims else
                                "carried" if point.carried_from else "reported")
            item["stated_in"] = point.reported_in if point.claims else None
            item["sources"] = list(point.claims[0].sources) if len(point.claims) == 1 else []
            single = point.claims[0] if len(point.claims) == 1 else None
            item["witnesses"] = (witnesses_json(single.independent, single.sources)
                                 if single is not None and single.independent is not None
                                 else None)  # a disputed value: in each claim
            item["hedged"] = bool(point.claims) and all(c.hedged for c in point.claims)
            item["delta"], item["percent"] = point.delta, point.percent
        else:
            item["text"], item["number"] = point.text, point.number
        item["first_reported"] = known.first_json(point.first_reported)
        points.append(item)
    data: dict[str, Any] = {"format": "plandiff.history/1", "kind": result.kind,
                            "subject": result.subject, "label": result.label, "points": points}
    if result.term is not None:
        data["term"] = result.term.model_dump(mode="json", exclude_none=True,
                                              exclude={"translations"})
    return data


def render_json(result: History, *, loc: Locale = ENGLISH) -> str:
    return json_text.dumps(to_data(result), indent=2, default=str) + "\n"


def mermaid(loc: Locale, result: History) -> list[str]:
    bars = chart_series(result)
    if not result.numeric or not bars:
        return []
    unit = (result.term.unit or result.term.currency or "") if result.term else ""
    top = max(value for _, value in bars)
    # Mermaid reads Western digits only; the words are in the language.
    axis = ENGLISH.number(float(f"{top * 1.1:.6g}"))  # a computed bound: six figures
    if result.term is not None and result.term.unit:
        unit = loc.plain(*loc.unit_of(result.term))
    bars = [(label.replace(" (carried)", " " + loc._("(carried)")), value)
            for label, value in bars]
    title, unit = md.escape(_label(loc, result), mermaid=True), md.escape(unit, mermaid=True)
    labels = ", ".join(f'"{md.escape(label, mermaid=True)}"' for label, _v in bars)
    return ["```mermaid", "xychart-beta", f'    title "{title}"', f"    x-axis [{labels}]",
            f'    y-axis "{unit}" 0 --> {axis}'.replace(",", ""),
            f"    bar [{', '.join(str(v) for _, v in bars)}]", "```", ""]


def _parent(point: HistoryPoint) -> str:
    return md.code(point.version.parent) if point.version.parent else "—"


def _label(loc: Locale, result: History) -> str:
    """The subject's label in the language: a term's translation, a clause's English title
    marked (a history carries the English title only)."""
    if result.term is not None:
        return loc.plain(*loc.label_of(result.term, result.label))
    return result.label if result.label == result.subject else loc.in_english(result.label)


def _date(loc: Locale, point: HistoryPoint) -> str:
    return loc.date(point.version.date)


def _text(loc: Locale, text: str | None) -> str | None:
    """A clause's text at a point: English, marked as such in another language."""
    return loc.in_english(text) if text else text


def render_markdown(result: History, *, lineage_beside: bool = False,
                    loc: Locale = ENGLISH) -> str:
    """`lineage_beside`: a Parent column, for points in date order."""
    if lineage_beside:
        return _with_parent_column(loc, render_markdown(result, loc=loc), result)
    label = md.escape(_label(loc, result))
    title = (loc._("Term history: {label}") if result.kind == "term"
             else loc._("Clause history: {title}")).format(label=label, title=label)
    lines = [f"# {title} ({md.code(result.subject)})", ""]
    lines += mermaid(loc, result)
    if result.kind == "term":
        head = [loc._("Version"), loc._("Date"), loc._("Value"), loc._("Change from parent"),
                loc._("State"),
                loc._("Sources"), loc._("First reported")]
    else:
        head = [loc._("Version"), loc._("Date"), "§", loc._("Text"), loc._("Change from parent"),
                loc._("State"), loc._("First reported")]
    lines += ["| " + " | ".join(head) + " |", "|---|---|---|---|---|---|---|"]
    comma = loc._(", ")
    for point in result.points:
        if result.kind == "term":
            sources = comma.join(md.code(s) for c in point.claims for s in c.sources)
            sources += _witness_suffix(loc, point)
            cells = [md.escape(value_text(loc, result, point)),
                     md.escape(change_text(loc, result, point)),
                     md.escape(state_text(loc, point)), sources or "—"]
        else:
            text = md.words(point.text_change) if point.text_change else md.escape(point.text)
            text = md.in_english(loc, text) if text else text
            number = md.escape(str(point.number)) if point.number is not None else ""
            cells = [number, text or "—", md.escape(change_text(loc, result, point)),
                     md.escape(state_text(loc, point))]
        cells.append(md.escape(known.first_cell(point.first_reported, loc)))
        lines.append(f"| {md.code(point.version.id)} | {_date(loc, point)} | " + " | ".join(cells)
                     + " |")
    return "\n".join(lines) + "\n"


def _with_parent_column(loc: Locale, text: str, result: History) -> str:
    """The history's table with a Parent column after the version's."""
    lines = text.split("\n")
    version = "| " + loc._("Version") + " |"
    start = next(i for i, line in enumerate(lines) if line.startswith(version))
    lines[start] = lines[start].replace(version, version + " " + loc._("Parent") + " |", 1)
    lines[start + 1] = "|---" + lines[start + 1]
    for offset, point in enumerate(result.points):
        row = lines[start + 2 + offset]
        cut = row.index(" |", 2)
        lines[start + 2 + offset] = f"{row[:cut]} | {_parent(point)}{row[cut:]}"
    return "\n".join(lines)


def _bars(loc: Locale, result: History, width: int = 32) -> list[tuple[str, str, str]]:
    bars = chart_series(result)
    if not bars or result.term is None:
        return []
    top = max(value for _, value in bars) or 1
    eighths = " ▏▎▍▌▋▊▉█"
    rows = []
    for label, value in bars:
        cells = value / top * width
        full = int(cells)
        bar = "█" * full + (eighths[int((cells - full) * 8)] if full < width else "")
        rows.append((label, bar.rstrip(), values.value(loc, result.term, value)))
    return rows


def render_terminal(result: History, console: Console, *,
                    lineage_beside: bool = False, loc: Locale = ENGLISH) -> None:
    """`lineage_beside`: a parent column, for points in date order."""
    from rich.table import Table
    from rich.text import Text

    console.print(Text(f"{_label(loc, result)} ({result.subject})", style="bold"))
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    parent = (loc._("parent"),) if lineage_beside else ()

    def lineage(point: HistoryPoint) -> tuple[str, ...]:
        return (point.version.parent or "—",) if lineage_beside else ()

    if result.kind == "term":
        for column in (loc._("version"), *parent, loc._("date"), loc._("value"), loc._("change"),
                       loc._("state"),
                       loc._("sources"), loc._("first reported")):
            table.add_column(column, overflow="fold")
        for point in result.points:
            style = "dim" if point.state in ("unreported", "carried", "absent") else None
            sources = loc._(", ").join(dict.fromkeys(s for c in point.claims for s in c.sources))
            sources += _witness_suffix(loc, point)
            table.add_row(point.version.id, *lineage(point), _date(loc, point),
                          value_text(loc, result, point), change_text(loc, result, point),
                          state_text(loc, point), sources,
                          make_visible(known.first_cell(point.first_reported, loc)),
                          style=style)
    else:
        for column in (loc._("version"), *parent, loc._("date"), "§", loc._("text"),
                       loc._("change"), loc._("state")):
            table.add_column(column, overflow="fold")
        for point in result.points:
            style = "dim" if point.state in ("unreported", "absent") else None
            table.add_row(point.version.id, *lineage(point), _date(loc, point),
                          "" if point.number is None else str(point.number),
                          " ".join((_text(loc, point.text) or "—").split()),
                          change_text(loc, result, point),
                          state_text(loc, point), style=style)
    console.print(table)
    rows = _bars(loc, result)
    if rows:
        console.print()
        width = max(len(label) for label, _, _ in rows)
        for label, bar, shown in rows:
            console.print(Text(f"{label.ljust(width)}  ") + Text(bar, style="cyan")
                          + Text(f" {shown}"))
