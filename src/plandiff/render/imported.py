"""The alignment table and the reviewer's list of `plandiff import`, as plain text."""

from __future__ import annotations

from plandiff.importer.draft import Draft

_STATUS = {
    "match": "",
    "weak": "weak: confirm",
    "close": "close call: confirm",
    "new": "new clause",
    "removed": "not in the text: listed as removed, confirm",
    "left out": "not in the text: left out (carries over, unreported)",
}


def table(draft: Draft) -> str:
    """One line per point, then one per parent clause that no point continues."""
    rows = [("point", "clause", "score", "")]
    for row in draft.rows:
        label = "closest" if row.status == "new" else "next"
        note = _STATUS[row.status] + (f" ({label}: {row.closest})" if row.closest else "")
        if row.drafted_as:
            note += f", drafted as {row.drafted_as} until you accept it"
        score = f"{row.score:.1f}" if row.score is not None else "-"
        point = str(row.point) if row.point is not None else "-"
        rows.append((point, row.clause, score, note))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]}".rstrip()
             for r in rows]
    counts = {s: sum(1 for r in draft.rows if r.status == s) for s in _STATUS}
    partial = draft.header.get("coverage") == "partial"
    fate = "carried over: partial" if partial else "listed as removed: --full"
    lines.append(f"{counts['match'] + counts['weak'] + counts['close']} aligned"
                 f" ({counts['weak']} weak, {counts['close']} close calls),"
                 f" {counts['new']} new, {counts['removed'] + counts['left out']} parent"
                 f" clause(s) not in the text ({fate})")
    return "\n".join(lines) + "\n"


def review(draft: Draft) -> str:
    items = draft.review_items()
    if not items:
        return ""
    return "\n".join(["To review (also marked REVIEW in the file):",
                      *(f"  - {item}" for item in items)]) + "\n"
