"""plandiff: a versioned tracker of peace-plan clauses. The public API (docs/api.md):

    import plandiff
    repo = plandiff.open_plan()                     # a folder, or files={path: bytes}
    print(plandiff.render_result(repo.diff("v28", "geneva"), "markdown"))

Names are loaded on first use, so that `plandiff --version` imports nothing heavy.
"""

from __future__ import annotations

__version__ = "0.1.0"

# Not `from typing import TYPE_CHECKING`: importing typing alone doubles `plandiff --version`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from plandiff.api import (
        BundledCorpusWarning,
        PlanRepository,
        check,
        open_plan,
        render_result,
    )
    from plandiff.core.diff import Claim, ClauseDiff, PlanDiff, TermChange
    from plandiff.core.history import History, HistoryPoint
    from plandiff.core.problems import InvalidPlan, PlandiffError, Problem, UnknownVersion
    from plandiff.repo.located_yaml import Limits

_EXPORTS = {
    "open_plan": "plandiff.api", "check": "plandiff.api", "render_result": "plandiff.api",
    "PlanRepository": "plandiff.api", "BundledCorpusWarning": "plandiff.api",
    "PlanDiff": "plandiff.core.diff", "ClauseDiff": "plandiff.core.diff",
    "TermChange": "plandiff.core.diff", "Claim": "plandiff.core.diff",
    "History": "plandiff.core.history", "HistoryPoint": "plandiff.core.history",
    "Limits": "plandiff.repo.located_yaml",
    "Problem": "plandiff.core.problems", "PlandiffError": "plandiff.core.problems",
    "InvalidPlan": "plandiff.core.problems", "UnknownVersion": "plandiff.core.problems",
}
__all__ = [
    "BundledCorpusWarning", "Claim", "ClauseDiff", "History", "HistoryPoint", "InvalidPlan",
    "Limits", "PlanDiff", "PlanRepository", "PlandiffError", "Problem", "TermChange",
    "UnknownVersion", "__version__", "check", "open_plan", "render_result",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'plandiff' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
