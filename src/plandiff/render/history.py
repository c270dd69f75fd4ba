"""Views of a History: terminal (with a bar chart), Markdown (with a Mermaid chart), JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plandiff import i18n
from plandiff.core.history import History, HistoryPoint, chart_series
from plandiff.i18n import _
from plandiff.i18n import content as tr
from plandiff.render import json_text, values
from plandiff.render import markdown as md
from plandiff.render.json import value_json, version_info, witnesses_json

if TYPE_CHECKING:
    from rich.console import Console

_STATE_WORDS = {"reported": "reported", "unreported": "unreported", "removed": "removed",
                "absent": "not in this version"}


def value_text(result: History, point: HistoryPoint) -> str:
    """The value at a point, saying where it is carried from when the version does not state it."""
    claims = point.claims
    if result.term is None:
        return ""
    if not claims:
        return _("not set")
    if len(claims) == 1 and not claims[0].known:
        return _("not reported since {version}").format(version=point.reported_in)
    if len(claims) == 1:
        text = values.reported(values.value(result.term, claims[0].value), claims[0].hedged)
    else:
        parts = [f"{values.reported(values.value(result.term, c.value), c.hedged)}"
                 f" ({values.claim_sources(c.sources, c.independent)})" for c in claims]
        text = _("disputed: {claims}").format(claims=" | ".join(parts))
    return text + values.carried(point.carried_from)


def _witness_suffix(point: HistoryPoint) -> str:
    """' (2 independent witnesses)' after the sources of a value that is not disputed (a
    disputed value gives each claim's count in its value)."""
    if len(point.claims) != 1 or not point.claims[0].known or not point.claims[0].independent:
        return ""
    return f" ({values.witness_note(point.claims[0].independent)})"


def change_text(result: History, point: HistoryPoint) -> str:
    if point.change is None:
        return "—"
    if point.change == "changed" and point.delta is not None and result.term is not None:
        return values.movement_text(result.term, point.delta, point.percent)
    if not i18n.english():
        return {"same": _("same"), "changed": _("changed"), "set": _("new"),
                "unset": _("dropped")}[point.change]
    return {"same": "same", "changed": "changed", "set": "new", "unset": "dropped"}[point.change]


def state_text(point: HistoryPoint) -> str:
    if point.state == "unreported":
        return _("unreported (from {version})").format(version=point.reported_in)
    if point.state == "carried":
        return _("clause reported, value carried from {version}").format(
            version=point.reported_in)
    if not i18n.english():
        return {"reported": _("reported"), "unreported": _("unreported"),
                "removed": _("removed"), "absent": _("not in this version")}[point.state]
    return _STATE_WORDS[point.state]


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
        points.append(item)
    data: dict[str, Any] = {"format": "plandiff.history/1", "kind": result.kind,
                            "subject": result.subject, "label": result.label, "points": points}
    if result.term is not None:
        data["term"] = result.term.model_dump(mode="json", exclude_none=True,
                                              exclude={"translations"})
    return data


def render_json(result: History) -> str:
    return json_text.dumps(to_data(result), indent=2, default=str) + "\n"


def mermaid(result: History) -> list[str]:
    bars = chart_series(result)
    if not result.numeric or not bars:
        return []
    unit = (result.term.unit or result.term.currency or "") if result.term else ""
    top = max(value for _, value in bars)
    axis = values.number(float(f"{top * 1.1:.6g}"))  # a computed bound: six figures
    if not i18n.english():  # Mermaid reads Western digits only; the words are translated
        if result.term is not None and result.term.unit:
            unit = tr.plain(*tr.unit_of(result.term))
        bars = [(label.replace(" (carried)", " " + _("(carried)")), value) for label, value in bars]
        axis = f"{top * 1.1:,.2f}".rstrip("0").rstrip(".")
    title, unit = md.escape(_label(result), mermaid=True), md.escape(unit, mermaid=True)
    labels = ", ".join(f'"{md.escape(label, mermaid=True)}"' for label, _v in bars)
    return ["```mermaid", "xychart-beta", f'    title "{title}"', f"    x-axis [{labels}]",
            f'    y-axis "{unit}" 0 --> {axis}'.replace(",", ""),
            f"    bar [{', '.join(str(v) for _, v in bars)}]", "```", ""]


def _parent(point: HistoryPoint) -> str:
    return md.code(point.version.parent) if point.version.parent else "—"


def _label(result: History) -> str:
    """The subject's label in the active language: a term's translation, a clause's English
    title marked (a history carries the English title only)."""
    if i18n.english():
        return result.label
    if result.term is not None:
        return tr.plain(*tr.label_of(result.term, result.label))
    return tr.plain(result.label, result.label == result.subject)


def _date(point: HistoryPoint) -> str:
    day = point.version.date
    return day.isoformat() if i18n.english() else i18n.date(day)


def _text(text: str | None) -> str | None:
    """A clause's text at a point: English, marked as such in another language."""
    return text if i18n.english() or not text else tr.plain(text, False)


def _markdown_translated(result: History) -> str:
    label = md.escape(_label(result))
    title = (_("Term history: {label}") if result.kind == "term"
             else _("Clause history: {title}")).format(label=label, title=label)
    lines = [f"# {title} ({md.code(result.subject)})", ""]
    lines += mermaid(result)
    if result.kind == "term":
        head = [_("Version"), _("Date"), _("Value"), _("Change from parent"), _("State"),
                _("Sources")]
    else:
        head = [_("Version"), _("Date"), "§", _("Text"), _("Change from parent"), _("State")]
    lines += ["| " + " | ".join(head) + " |", "|---|---|---|---|---|---|"]
    comma = _(", ")
    for point in result.points:
        if result.kind == "term":
            sources = comma.join(md.code(s) for c in point.claims for s in c.sources)
            sources += _witness_suffix(point)
            cells = [md.escape(value_text(result, point)), md.escape(change_text(result, point)),
                     md.escape(state_text(point)), sources or "—"]
        else:
            text = md.words(point.text_change) if point.text_change else md.escape(point.text)
            if text and not i18n.english():
                text = f"{md.escape(tr.badge())} {text}"
            number = md.escape(str(point.number)) if point.number is not None else ""
            cells = [number, text or "—", md.escape(change_text(result, point)),
                     md.escape(state_text(point))]
        lines.append(f"| {md.code(point.version.id)} | {_date(point)} | " + " | ".join(cells)
                     + " |")
    return "\n".join(lines) + "\n"


def render_markdown(result: History, *, lineage_beside: bool = False) -> str:
    """`lineage_beside`: a Parent column, for points in date order."""
    if lineage_beside:
        return _with_parent_column(render_markdown(result), result)
    if not i18n.english():
        return _markdown_translated(result)
    kind = "Term" if result.kind == "term" else "Clause"
    lines = [f"# {kind} history: {md.escape(result.label)} ({md.code(result.subject)})", ""]
    lines += mermaid(result)
    if result.kind == "term":
        lines += ["| Version | Date | Value | Change from parent | State | Sources |",
                  "|---|---|---|---|---|---|"]
        for point in result.points:
            sources = ", ".join(md.code(s) for c in point.claims for s in c.sources)
            sources += _witness_suffix(point)
            lines.append(f"| {md.code(point.version.id)} | {point.version.date.isoformat()} |"
                         f" {md.escape(value_text(result, point))} |"
                         f" {md.escape(change_text(result, point))} |"
                         f" {md.escape(state_text(point))} |"
                         f" {sources or '—'} |")
    else:
        lines += ["| Version | Date | § | Text | Change from parent | State |",
                  "|---|---|---|---|---|---|"]
        for point in result.points:
            text = md.words(point.text_change) if point.text_change else md.escape(point.text)
            number = md.escape(str(point.number)) if point.number is not None else ""
            lines.append(f"| {md.code(point.version.id)} | {point.version.date.isoformat()} |"
                         f" {number} | {text or '—'} | {md.escape(change_text(result, point))} |"
                         f" {md.escape(state_text(point))} |")
    return "\n".join(lines) + "\n"


def _with_parent_column(text: str, result: History) -> str:
    """The history's table with a Parent column after the version's."""
    lines = text.split("\n")
    version = "| " + _("Version") + " |"
    start = next(i for i, line in enumerate(lines) if line.startswith(version))
    lines[start] = lines[start].replace(version, version + " " + _("Parent") + " |", 1)
    lines[start + 1] = "|---" + lines[start + 1]
    for offset, point in enumerate(result.points):
        row = lines[start + 2 + offset]
        cut = row.index(" |", 2)
        lines[start + 2 + offset] = f"{row[:cut]} | {_parent(point)}{row[cut:]}"
    return "\n".join(lines)


def _bars(result: History, width: int = 32) -> list[tuple[str, str, str]]:
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
        rows.append((label, bar.rstrip(), values.value(result.term, value)))
    return rows


def render_terminal(result: History, console: Console, *,
                    lineage_beside: bool = False) -> None:
    """`lineage_beside`: a parent column, for points in date order."""
    from rich.table import Table
    from rich.text import Text

    console.print(Text(f"{_label(result)} ({result.subject})", style="bold"))
    table = Table(box=None, show_edge=False, pad_edge=False, header_style="bold")
    parent = (_("parent"),) if lineage_beside else ()

    def lineage(point: HistoryPoint) -> tuple[str, ...]:
        return (point.version.parent or "—",) if lineage_beside else ()

    if result.kind == "term":
        for column in (_("version"), *parent, _("date"), _("value"), _("change"), _("state"),
                       _("sources")):
            table.add_column(column, overflow="fold")
        for point in result.points:
            style = "dim" if point.state in ("unreported", "carried", "absent") else None
            sources = _(", ").join(dict.fromkeys(s for c in point.claims for s in c.sources))
            sources += _witness_suffix(point)
            table.add_row(point.version.id, *lineage(point), _date(point),
                          value_text(result, point), change_text(result, point),
                          state_text(point), sources, style=style)
    else:
        for column in (_("version"), *parent, _("date"), "§", _("text"), _("change"), _("state")):
            table.add_column(column, overflow="fold")
        for point in result.points:
            style = "dim" if point.state in ("unreported", "absent") else None
            table.add_row(point.version.id, *lineage(point), _date(point),
                          "" if point.number is None else str(point.number),
                          " ".join((_text(point.text) or "—").split()), change_text(result, point),
                          state_text(point), style=style)
    console.print(table)
    rows = _bars(result)
    if rows:
        console.print()
        width = max(len(label) for label, _, _ in rows)
        for label, bar, shown in rows:
            console.print(Text(f"{label.ljust(width)}  ") + Text(bar, style="cyan")
                          + Text(f" {shown}"))
