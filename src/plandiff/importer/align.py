"""Pure: align the points of an imported text with the parent version's clauses, by the concepts
and rare words they share (docs/import.md, "Alignment"); pairs are taken best first, one clause per
point, a weak pair only when the point and the clause are each other's best."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

from plandiff.core.records import record
from plandiff.importer.concepts import ENTITIES, features
from plandiff.importer.numbers import prepare

MATCH = 30.0  # below this a point is new, unless it and the clause are each other's best
FLOOR = 20.0  # below this a point is new: no weak pair is taken (docs/import.md, the figures)
WEAK = 50.0  # a match below this is flagged for the reviewer
CLOSE = 10.0  # a match that another clause scores within this of is flagged as a close call
NUMBER_HINT = 4.0  # added when the point keeps the clause's number
NEIGHBOUR_HINT = 4.0  # added when the point's neighbour surely continues the clause's neighbour
HISTORY = 0.9  # an older wording of the clause counts for a little less than the parent's
CONCEPT = 3.0  # a notion of the lexicon is stronger evidence than a shared word of equal rarity
FUZZY = 0.2  # share of rapidfuzz's token-sort ratio in a pair's similarity

_STOPWORDS = """
a an and are as at be been by for from has have in into is it its of on or that the their them
they this to was were which who will with within would shall may can all any not no under upon
after before also other both each such than then there these those over only own about
في من على الى إلى عن مع ان أن التي الذي هذا هذه او أو ما لا كما بين بعد قبل حتى ذلك تلك
и в во на с по к из за от до не что как это для или его ее их при о об а но же
і в у на з із до від не що як це для або його її їх при про а але же
"""
STOPWORDS = frozenset(_STOPWORDS.split())


@record
class Candidate:
    """A parent clause as the aligner sees it."""

    id: str
    text: str
    title: str | None = None
    number: int | str | None = None
    history: tuple[str, ...] = ()  # older wordings of the clause, in the parent's ancestors
    kinds: frozenset[str] = frozenset()  # "money:USD", "quantity:personnel" ... of its terms


@record
class Item:
    """An imported point as the aligner sees it."""

    text: str
    title: str | None = None
    number: int | str | None = None
    kinds: frozenset[str] = frozenset()  # the kinds of value its text gives


@record
class Match:
    point: int  # index into the points
    clause: str | None  # the parent clause id, None for a new clause
    score: float  # of the match, or of the best rejected candidate for a new clause
    best: str | None = None  # for a new clause: the closest parent clause, as a hint
    runner_up: str | None = None  # for a match: the next best parent clause for this point
    runner_up_score: float = 0.0

    @property
    def weak(self) -> bool:
        return self.clause is not None and self.score < WEAK

    @property
    def close(self) -> bool:
        """Another clause scores nearly as well: the texts alone hardly tell the two apart."""
        return (self.clause is not None and self.runner_up is not None
                and self.score - self.runner_up_score < CLOSE)


@record
class Alignment:
    matches: list[Match]  # one per point, in the points' order
    unmatched: list[str]  # parent clause ids that no point continues, in the parent's order


def stems(text: str) -> set[str]:
    """What a text is compared by: the concepts of the peace-plan lexicon it names, in any of its
    languages, and the stems (first five letters) of its other content words."""
    return features(text, STOPWORDS)


def _kinds(kinds: frozenset[str]) -> set[str]:
    return {f"§value:{kind}" for kind in kinds}


def _weights(documents: Sequence[set[str]]) -> dict[str, float]:
    frequency = Counter(stem for document in documents for stem in document)
    total = len(documents)
    return {stem: (math.log((total + 1) / (count + 1)) + 1.0)
            * (CONCEPT if stem.startswith("§") and stem not in ENTITIES else 1.0)
            for stem, count in frequency.items()}


@record
class _Side:
    """A point or one wording of a clause, prepared once for the pairs it is in."""

    sorted_words: str  # its words in order, for rapidfuzz's token-sort similarity
    features: frozenset[str]
    norm: float


def _side(text: str, features: set[str], weights: dict[str, float]) -> _Side:
    norm = math.sqrt(sum(weights.get(s, 1.0) ** 2 for s in features))
    return _Side(" ".join(sorted(prepare(text).split())), frozenset(features), norm)


def score_matrix(items: Sequence[Item], candidates: Sequence[Candidate]) -> list[list[float]]:
    """scores[i][j]: how well point i continues parent clause j, 0–100."""
    from rapidfuzz.fuzz import ratio

    # The kinds of value a point gives and a clause has terms for count like concepts: only one
    # clause may hold a cap in personnel, which makes "800 тысяч военнослужащих" telling.
    point_stems = [stems(f"{p.title or ''} {p.text}") | _kinds(p.kinds) for p in items]
    # A wording that several clauses share (one quote cited for a whole list) tells none apart.
    shared = Counter(h for c in candidates for h in set(c.history))
    wordings = [[(c.text, 1.0), *((h, HISTORY) for h in c.history
                                  if h != c.text and shared[h] == 1)]
                for c in candidates]
    wording_stems = [[stems(f"{c.title or ''} {text}") | _kinds(c.kinds) for text, _ in versions]
                     for c, versions in zip(candidates, wordings, strict=True)]
    # Rarity is counted over everything at hand, the parent's clauses and the imported points.
    weights = _weights([*point_stems, *(s[0] for s in wording_stems)])
    points = [_side(p.text, f, weights) for p, f in zip(items, point_stems, strict=True)]
    clauses = [[(_side(text, f, weights), factor)
                for (text, factor), f in zip(versions, versions_stems, strict=True)]
               for versions, versions_stems in zip(wordings, wording_stems, strict=True)]
    scores = []
    for item, point in zip(items, points, strict=True):
        row = []
        for candidate, sides in zip(candidates, clauses, strict=True):
            score = max(factor * _similarity(point, side, weights, ratio)
                        for side, factor in sides)
            if item.number is not None and str(item.number) == str(candidate.number):
                score += NUMBER_HINT
            row.append(round(min(score, 100.0), 1))
        scores.append(row)
    return scores


def _similarity(a: _Side, b: _Side, weights: dict[str, float],
                ratio: Callable[[str, str], float]) -> float:
    cosine = 0.0
    if a.norm and b.norm:
        cosine = sum(weights.get(s, 1.0) ** 2 for s in a.features & b.features) / (a.norm * b.norm)
    fuzzy = ratio(a.sorted_words, b.sorted_words) / 100.0 if FUZZY else 0.0
    return 100.0 * ((1.0 - FUZZY) * cosine + FUZZY * fuzzy)


def _bests(scores: list[list[float]], columns: int) -> tuple[list[int], list[int]]:
    """Each point's best clause and each clause's best point (-1 for none)."""
    best_clause = [max(range(columns), key=lambda j: row[j], default=-1) for row in scores]
    best_point = [max(range(len(scores)), key=lambda i: scores[i][j], default=-1)
                  for j in range(columns)]
    return best_clause, best_point


def beside_sure_neighbours(scores: list[list[float]], columns: int) -> list[list[float]]:
    """Versions renumber but mostly keep the order of what they keep: a point next to a point
    that surely continues the clause before (or after) clause j gets NEIGHBOUR_HINT towards j.
    Sure: a match of MATCH or more where the point and the clause are each other's best."""
    best_clause, best_point = _bests(scores, columns)
    sure = {i: j for i, j in enumerate(best_clause)
            if j >= 0 and scores[i][j] >= MATCH and best_point[j] == i}
    hinted = [row[:] for row in scores]
    for i, row in enumerate(hinted):
        for j in {sure.get(i - 1, -2) + 1, sure.get(i + 1, columns + 1) - 1}:
            if 0 <= j < columns and sure.get(i) != j:
                row[j] = round(min(row[j] + NEIGHBOUR_HINT, 100.0), 1)
    return hinted


def align(items: Sequence[Item], candidates: Sequence[Candidate]) -> Alignment:
    """One parent clause per point at most, best pairs first; a pair below MATCH only when the point
    and the clause are each other's best, none below FLOOR. Each match names its runner-up, the
    next best clause for the point, so that a close call can be flagged."""
    scores = beside_sure_neighbours(score_matrix(items, candidates), len(candidates))
    pairs = sorted(((scores[i][j], i, j) for i in range(len(items))
                    for j in range(len(candidates))), key=lambda t: (-t[0], t[1], t[2]))
    best_clause, best_point = _bests(scores, len(candidates))
    taken_points: dict[int, tuple[int, float]] = {}
    taken_clauses: set[int] = set()
    for score, i, j in pairs:
        if score < FLOOR:
            break
        if i in taken_points or j in taken_clauses:
            continue
        if score < MATCH and not (best_clause[i] == j and best_point[j] == i):
            continue
        taken_points[i] = (j, score)
        taken_clauses.add(j)
    matches = []
    for i in range(len(items)):
        if i in taken_points:
            j, score = taken_points[i]
            others = [k for k in range(len(candidates)) if k != j]
            k = max(others, key=lambda k: scores[i][k], default=None)
            matches.append(Match(i, candidates[j].id, score,
                                 runner_up=candidates[k].id if k is not None else None,
                                 runner_up_score=scores[i][k] if k is not None else 0.0))
        else:
            row = scores[i]
            best = max(range(len(candidates)), key=lambda j: row[j], default=None)
            matches.append(Match(i, None, row[best] if best is not None else 0.0,
                                 candidates[best].id if best is not None else None))
    unmatched = [c.id for j, c in enumerate(candidates) if j not in taken_clauses]
    return Alignment(matches, unmatched)
