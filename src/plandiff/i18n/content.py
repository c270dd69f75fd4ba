"""Transitional (issue 23): plan content in the command line's language, for the views not yet
given a Locale (plandiff.i18n.Locale holds these now)."""

from __future__ import annotations

from typing import Any

from plandiff.i18n import current, english, language, use_plan, use_terms

__all__ = ["english", "language", "use_plan", "use_terms"]


def party(code: str, english_name: str) -> str:
    return current().party(code, english_name)


def badge() -> str:
    return current().badge()


def field(obj: Any, name: str) -> tuple[str | None, bool]:
    return current().field(obj, name)


def plain(text: str | None, ok: bool) -> str:
    return current().plain(text, ok)


def plain_field(obj: Any, name: str) -> str:
    return current().plain_field(obj, name)


def term_label(term_id: str, english_label: str) -> tuple[str, bool]:
    return current().term_label(term_id, english_label)


def term_unit(term_id: str, english_unit: str | None) -> tuple[str | None, bool]:
    return current().term_unit(term_id, english_unit)


def choice(term_id: str, key: str, english_label: str | None) -> tuple[str | None, bool]:
    return current().choice(term_id, key, english_label)


def unit_of(term: Any) -> tuple[str | None, bool]:
    return current().unit_of(term)


def choice_of(term: Any, key: str, english_label: str | None) -> tuple[str | None, bool]:
    return current().choice_of(term, key, english_label)


def label_of(term: Any, english_label: str) -> tuple[str, bool]:
    return current().label_of(term, english_label)
