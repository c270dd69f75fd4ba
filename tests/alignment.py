"""How many points of a numbered text the aligner gives the right clause id: the measure behind
the round-trip and held-out tests, and `bench/align.py`.

A point is right when it gets the parent clause that its clause continues (the same id, or the id
its `was:` names), or no clause (a new one) when the parent holds none that it continues.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from plandiff.core.models import Disputed, Plan
from plandiff.core.resolve import Resolver
from plandiff.i18n import ENGLISH
from plandiff.importer.align import align
from plandiff.importer.choices import read_choices
from plandiff.importer.draft import candidates, items_of
from plandiff.importer.extract import READABLE, read_terms
from plandiff.importer.points import Point, parse
from plandiff.render.show import numbered_text

REPO = Path(__file__).resolve().parent.parent
# Articles written for these tests by people who had not seen the aligner, each with its key.
HELD_OUT = [REPO / "tests" / "cases" / name
            for name in ("import-heldout", "import-heldout-2", "import-heldout-partial")]


@dataclass(frozen=True)
class Score:
    text: str  # what was imported
    parent: str  # against which version
    right: int
    total: int
    misses: tuple[str, ...]  # one line per wrong point
    values: tuple[int, int, int] = (0, 0, 0)  # terms read right, left to the reviewer, read wrong
    choices: tuple[int, int, int] = (0, 0, 0)  # the same for choice terms

    @property
    def share(self) -> float:
        return self.right / self.total


def score(plan: Plan, points: list[Point], ids: list[str | None], version_id: str,
          parent_id: str, text: str) -> Score:
    """Align `points` (whose clauses in `version_id` are `ids`) with `parent_id`, as `import`
    would (with `--partial` for a partial version)."""
    resolver = Resolver(plan)
    version, parent = resolver.resolve(version_id), resolver.resolve(parent_id)
    items, _ = items_of(points, parent, partial=plan.versions[version_id].coverage == "partial")
    alignment = align(items, candidates(plan, parent))
    held = {c.id for c in parent.live()}
    right, misses, values, choices = 0, [], [0, 0, 0], [0, 0, 0]
    for point, match, clause_id in zip(points, alignment.matches, ids, strict=True):
        # A point whose version holds no clause for it (a party's stance, not the draft's text)
        # is keyed `null`: the right answer is no clause.
        clause = version.clauses[clause_id] if clause_id is not None else None
        continuing = [i for i in (clause_id, clause.clause.was if clause else None) if i in held]
        expected = continuing[0] if continuing else None
        if match.clause == expected:
            right += 1
        else:
            misses.append(f"point {point.number} ({clause_id}): expected {expected}, got "
                          f"{match.clause} (score {match.score})")
        if match.clause is not None and match.clause == expected and clause is not None:
            for outcome in _read_values(plan, point.text, parent.clauses[expected].clause.terms,
                                        clause.clause.terms):
                values[outcome] += 1
            for outcome in _read_choices(plan, point.text,
                                         parent.clauses[expected].clause.terms,
                                         clause.clause.terms):
                choices[outcome] += 1
    return Score(text, parent_id, right, len(points), tuple(misses),
                 (values[0], values[1], values[2]), (choices[0], choices[1], choices[2]))


def _read_values(plan: Plan, text: str, parent_terms: dict[str, object],
                 truth: dict[str, object]) -> list[int]:
    """For each readable term of the parent's clause that the version gives one value: 0 when
    the point's text yields that value, 1 when it yields none (left to the reviewer), 2 when it
    yields another (a wrong reading)."""
    terms = {t: plan.terms[t] for t in parent_terms
             if t in plan.terms and plan.terms[t].type in READABLE
             and t in truth and not isinstance(truth[t], Disputed)}
    reading = read_terms(text, terms)
    return [1 if t not in reading.values else 0 if reading.values[t] == truth[t] else 2
            for t in terms]


def _read_choices(plan: Plan, text: str, parent_terms: dict[str, object],
                  truth: dict[str, object]) -> list[int]:
    """As _read_values, for the choice terms of the parent's clause (read as `import` reads them:
    all the clause's choice terms together)."""
    terms = {t: plan.terms[t] for t in parent_terms if t in plan.terms}
    readings = read_choices(text, terms)
    return [1 if readings[t].key is None else 0 if readings[t].key == truth[t] else 2
            for t in readings if isinstance(truth.get(t), str)]


def _older(plan: Plan, version_id: str) -> list[str]:
    """The parent, and the nearest full ancestor beyond it."""
    parent = plan.versions[version_id].parent
    found = [parent] if parent else []
    while parent and plan.versions[parent].parent:
        parent = plan.versions[parent].parent
        if plan.versions[parent].coverage == "full":
            return [*found, parent]
    return found


def round_trip(plan: Plan, version_id: str, parent_id: str) -> Score:
    """Render `version_id` with `plandiff show --format text` and align it with `parent_id`."""
    version = Resolver(plan).resolve(version_id)
    points = parse(numbered_text(ENGLISH, version, list(version.clauses.values()))).points
    numbered = [c for c in version.live() if c.clause.number is not None]
    live = numbered or version.live()  # an unnumbered clause is a paragraph, not a point
    assert len(points) == len(live), "every live clause is one point of the text"
    return score(plan, points, [c.id for c in live], version_id, parent_id,
                 f"show {version_id}")


def held_out(plan: Plan, folder: Path) -> list[Score]:
    """Each article of `folder`, keyed in its key.yaml, aligned with the version it reports, with
    that version's parent, and with its nearest older full version other than the parent (the
    text a reporter would compare a new leak with). A key gives each article's clause ids by
    point number, either directly (the article's name starts with its version) or as
    `{version: V, points: {...}}`."""
    key = YAML(typ="safe").load((folder / "key.yaml").read_text(encoding="utf-8"))
    scores = []
    for name, entry in key.items():
        version_id = entry["version"] if "points" in entry else name.split("-")[0]
        ids_by_number = entry.get("points", entry)
        points = parse((folder / name).read_text(encoding="utf-8")).points
        ids = [ids_by_number[p.number] for p in points]
        for against in dict.fromkeys((version_id, *_older(plan, version_id))):
            scores.append(score(plan, points, ids, version_id, against, name))
    return scores
