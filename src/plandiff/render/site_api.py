"""Pure: the site's static JSON endpoints (api/): per version (`plandiff.show/1`), per change
report (`plandiff.diff/1`), per term (`plandiff.history/1`), and an index that links them with
relative URLs, so the tree works from any host (and from `plandiff export --json DIR`). Each
holds the data of the command's own `--format json`, written compact."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from plandiff import __version__
from plandiff.render import history as history_view
from plandiff.render import json as diff_json
from plandiff.render import json_text, show

if TYPE_CHECKING:
    from plandiff.render.site import _Site

FOLDER = "api"
INDEX = "index.json"
FORMAT = "plandiff.api/1"


def _json_path(page: str) -> str:
    """`versions/v28.html` -> `versions/v28.json` (page names are already safe file names)."""
    return page.removesuffix(".html") + ".json"


def _dump(data: Any) -> str:
    """Compact JSON: a fraction of the size of the commands' indented output, and written by
    json's C encoder (indenting falls back to the pure-Python one, ten times slower)."""
    return json_text.dumps(data, separators=(",", ":"), default=str) + "\n"


def endpoints(site: _Site) -> dict[str, str]:
    """Relative path (under api/) -> JSON text, the index included."""
    plan = site.plan
    out: dict[str, str] = {}
    versions = []
    reports = {head: base for base, head in site.edges if plan.versions[head].parent == base}
    for version_id in site.order:
        version = plan.versions[version_id]
        resolved = site.resolver.resolve(version_id)
        path = _json_path(site.version_path(version_id))
        out[path] = _dump(show.to_data(plan, resolved, list(resolved.clauses.values())))
        parent = reports.get(version_id)
        versions.append({
            **diff_json.version_info(version), "url": path,
            "report": _json_path(site.diff_path(parent, version_id)) if parent else None})
    diffs = []
    for base, head in site.edges:
        path = _json_path(site.diff_path(base, head))
        out[path] = _dump(diff_json.to_data(site.diff(base, head)))
        diffs.append({"base": base, "head": head, "url": path})
    terms = []
    for term_id, term in plan.terms.items():
        path = _json_path(site.term_path(term_id))
        out[path] = _dump(history_view.to_data(site.term_history(term_id)))
        terms.append({"id": term_id, "label": term.label, "type": term.type.value,
                      "unit": term.unit, "currency": term.currency, "url": path})
    out[INDEX] = _dump({
        "format": FORMAT,
        "generator": f"plandiff {__version__}",
        "formats": {"versions": "plandiff.show/1", "diffs": "plandiff.diff/1",
                    "terms": "plandiff.history/1"},
        "versions": versions, "diffs": diffs, "terms": terms})
    return out
