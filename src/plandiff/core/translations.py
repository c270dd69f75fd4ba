"""Pure: a field's text in a chosen language, and whether it is a translation or the English.

Translations are renderings of the English fields (docs/format.md, "Translations"): never quotes,
never verified against sources, never cited. Where one is missing, the English is returned with
`is_translation` False, so that a view can mark the fallback visibly instead of hiding it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plandiff.core.diff import TextChange
    from plandiff.core.models import Citation, Source

SOURCE_LANGUAGE = "en"  # the language the plan files are written in


def candidates(lang: str) -> tuple[str, ...]:
    """The language codes to try for `lang`, most specific first: `pt-br`, then `pt`."""
    parts = lang.strip().lower().split("-")
    return tuple("-".join(parts[:size]) for size in range(len(parts), 0, -1))


def _rendering(translations: Any, lang: str) -> Any:
    if not translations:
        return None
    for code in candidates(lang):
        found = translations.get(code)
        if found is not None:
            return found
    return None


def translated(obj: Any, field: str, lang: str) -> tuple[str | None, bool]:
    """`obj.field` in `lang`: (the translation, True), or (the English, False) when there is none.

    `obj` is a Term, Clause, Version or Position (or anything with `translations` and the field);
    the English is None where the object has no such field's value. Asking for the source language
    gives the English, which is not a translation.
    """
    english = getattr(obj, field, None)
    if lang.strip().lower() != SOURCE_LANGUAGE:
        rendering = _rendering(getattr(obj, "translations", None), lang)
        text = getattr(rendering, field, None) if rendering is not None else None
        if isinstance(text, str) and text.strip():
            return text, True
    return english, False


def translated_choice(term: Any, key: str, lang: str) -> tuple[str | None, bool]:
    """The label of a term's choice `key` in `lang`, or its English label (False)."""
    return _translated_entry(term.translations, "choices", key, (term.choices or {}).get(key),
                             lang)


def translated_party(positions: Any, code: str, lang: str) -> tuple[str | None, bool]:
    """A party's name in `lang` (from plans/positions.yaml), or its English name (False)."""
    return _translated_entry(positions.translations, "parties", code,
                             positions.parties.get(code), lang)


def _translated_entry(translations: Any, field: str, key: str, english: str | None,
                      lang: str) -> tuple[str | None, bool]:
    """One entry of a translated mapping (choice labels, party names), or the English (False)."""
    if lang.strip().lower() != SOURCE_LANGUAGE:
        rendering = _rendering(translations, lang)
        text = getattr(rendering, field).get(key) if rendering is not None else None
        if text and text.strip():
            return text, True
    return english, False


def translated_text_change(old: Any, new: Any, lang: str) -> tuple[TextChange | None, bool]:
    """The word diff of two clauses' texts in `lang`, for a view in that language.

    (diff of the two translations, True) when both sides have one and they differ, or when neither
    the English nor the translations changed; else (diff of the English, False), to be marked as
    English: a side without a translation, or translations left the same while the English changed
    (the rendering lags behind, so it cannot show the change). Words come in reading order, the
    text's logical order, in both languages; None where nothing changed.
    """
    from plandiff.core.diff import diff_text

    english = diff_text(getattr(old, "text", None), getattr(new, "text", None))
    old_text, old_ok = translated(old, "text", lang) if old is not None else (None, False)
    new_text, new_ok = translated(new, "text", lang) if new is not None else (None, False)
    if old_ok and new_ok:
        rendered = diff_text(old_text, new_text)
        if rendered is not None or english is None:
            return rendered, True
    return english, False


def quote_language(sources: dict[str, Source], cite: Citation) -> str | None:
    """The language a quote is in: its source's `language` (a quote is never translated, so an
    Arabic edition shows an English quote in English, labelled with this)."""
    source = sources.get(cite.source)
    return source.language if source is not None else None


def languages(plan: Any) -> tuple[str, ...]:
    """Every language any translation of the plan is written in, sorted."""
    found: set[str] = set()
    for term in plan.terms.values():
        found.update(term.translations)
    for version in plan.versions.values():
        found.update(version.translations)
        for clause in version.clauses:
            found.update(clause.translations)
    found.update(plan.positions.translations)
    for position in plan.positions.positions:
        found.update(position.translations)
    for source in plan.sources.values():
        found.update(source.translations)
    return tuple(sorted(found))


# --- upkeep: what a rendering was translated from --------------------------------------------

def english_of(obj: Any, rendering: Any) -> dict[str, str]:
    """The English that `rendering` (one language's translation of `obj`) renders, field by field:
    `outlet`, `title`, `text`, `label`, `unit`, `summary`, `issue`, and `choices.KEY` /
    `parties.CODE` for the entries of a term's choices or the parties' names it translates."""
    english: dict[str, str] = {}
    for name in ("outlet", "label", "unit", "title", "text", "summary", "issue", "description"):
        if getattr(rendering, name, None) is not None and getattr(obj, name, None) is not None:
            english[name] = getattr(obj, name)
    for name, entries in (("choices", getattr(obj, "choices", None)),
                          ("parties", getattr(obj, "parties", None))):
        for key in getattr(rendering, name, None) or {}:
            if entries and key in entries:
                english[f"{name}.{key}"] = entries[key]
    return english


def fingerprint(english: dict[str, str]) -> str:
    """What a translation records as `translated_from`: `en-` and twelve hex digits that change
    whenever any of the English it renders (field and text) changes."""
    import hashlib

    digest = hashlib.sha256()
    for name in sorted(english):
        digest.update(name.encode("utf-8") + b"\0" + english[name].encode("utf-8") + b"\0")
    return "en-" + digest.hexdigest()[:12]


def untranslated(obj: Any, rendering: Any, fields: tuple[str, ...]) -> list[str]:
    """The fields of `obj` with English to translate that `rendering` (None: no rendering at all
    in that language) leaves in English: among `fields`; for `choices` and `parties`, each entry
    (`choices.KEY`, `parties.CODE`)."""
    missing: list[str] = []
    for name in fields:
        english = getattr(obj, name, None)
        if not english:
            continue
        if name in ("choices", "parties"):
            done = getattr(rendering, name, None) or {}
            missing.extend(f"{name}.{key}" for key in english if key not in done)
        elif getattr(rendering, name, None) is None:
            missing.append(name)
    return missing
