"""Plan content in the active language: the translation, or the English marked as English.

Views never show a fallback silently: `plain` prefixes the English with a badge ("[بالإنجليزية]"),
the Markdown helpers do the same and, for the HTML report, wrap it in a left-to-right span.
Quotes never pass here: they are shown as written, labelled with their language.
"""

from __future__ import annotations

from typing import Any

from plandiff.i18n import _, _state, digits, english, language

__all__ = ["english", "language"]


class _Terms:
    by_id: dict[str, Any] = {}  # noqa: RUF012 (one registry, replaced whole by use_terms)
    positions: Any = None


def use_plan(plan: Any) -> None:
    """Register the plan's terms and parties (plans/positions.yaml) for the views."""
    use_terms(plan.terms)
    _Terms.positions = plan.positions


def party(code: str, english_name: str) -> str:
    """A party's name in the active language, the English badged where it has none."""
    if english() or _Terms.positions is None:
        return english_name if english() else plain(english_name, False)
    from plandiff.core.translations import translated_party

    name, ok = _own_digits(*translated_party(_Terms.positions, code, _state.lang))
    return plain(name or english_name, ok)


def use_terms(terms: dict[str, Any]) -> None:
    """The term registry the views look labels and choices up in (a TermChange carries only
    the English)."""
    _Terms.by_id = dict(terms)


def badge() -> str:
    return _("[in English]")


def field(obj: Any, name: str) -> tuple[str | None, bool]:
    """(text, shown_as_asked): the translation, or the English with False when the active
    language is not English and there is none. In English: (the English, True)."""
    if english():
        return getattr(obj, name, None), True
    from plandiff.core.translations import translated  # only for another language

    return _own_digits(*translated(obj, name, _state.lang))


def _own_digits(text: str | None, ok: bool) -> tuple[str | None, bool]:
    """A translation speaks the edition's digits (one digit system per line: «خطة النقاط الـ٢٨»
    beside «٢٠ نوفمبر»); the English shown in its place keeps its own."""
    return (digits(text) if ok and text else text), ok


def plain(text: str | None, ok: bool) -> str:
    """Text for a plain-text view (the terminal), the English badged."""
    if not text:
        return text or ""
    return text if ok else f"{badge()} {text}"


def plain_field(obj: Any, name: str) -> str:
    return plain(*field(obj, name))


def term_label(term_id: str, english_label: str) -> tuple[str, bool]:
    if english():
        return english_label, True
    term = _Terms.by_id.get(term_id)
    if term is None:
        return english_label, False
    text, ok = field(term, "label")
    return (text or english_label), ok


def term_unit(term_id: str, english_unit: str | None) -> tuple[str | None, bool]:
    if english() or not english_unit:
        return english_unit, True
    term = _Terms.by_id.get(term_id)
    if term is None:
        return english_unit, False
    return field(term, "unit")


def choice(term_id: str, key: str, english_label: str | None) -> tuple[str | None, bool]:
    if english():
        return english_label, True
    term = _Terms.by_id.get(term_id)
    if term is None:
        return english_label, False
    from plandiff.core.translations import translated_choice

    return _own_digits(*translated_choice(term, key, _state.lang))


def _registered(term: Any) -> Any:
    """The Term itself (it carries its translations), or the registered one of a TermChange."""
    if hasattr(term, "translations"):
        return term
    return _Terms.by_id.get(getattr(term, "term", ""))


def unit_of(term: Any) -> tuple[str | None, bool]:
    found = _registered(term)
    if english() or found is None:
        return term.unit, english()
    return field(found, "unit")


def choice_of(term: Any, key: str, english_label: str | None) -> tuple[str | None, bool]:
    found = _registered(term)
    if english() or found is None:
        return english_label, english()
    from plandiff.core.translations import translated_choice

    return _own_digits(*translated_choice(found, key, _state.lang))


def label_of(term: Any, english_label: str) -> tuple[str, bool]:
    found = _registered(term)
    if english() or found is None:
        return english_label, english()
    text, ok = field(found, "label")
    return (text or english_label), ok
