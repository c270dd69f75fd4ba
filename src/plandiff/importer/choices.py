"""Pure: read choice terms from a point's text, in the common cases only: the text names one
choice's key words ("consensus", "as soon as possible") or its label, and no other choice's."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from plandiff.core.models import Term, TermType
from plandiff.core.records import record

_NEGATION = re.compile(r"\b(?:not|no|never|without|nor)\s+(?:\w+\s+){0,3}$")
_ARTICLE = re.compile(r"^(?:a|an|the)\s+")


@record
class ChoiceReading:
    key: str | None  # the one choice the text names
    named: tuple[tuple[str, str], ...]  # (key, the words that named it), for every choice named


def _words(text: str) -> str:
    """Lower case, dashes and punctuation as spaces, apostrophes unified, one space apart."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("ʼ", "'")
    text = re.sub(r"[^\w'%]+", " ", text)
    return " ".join(text.split())


def _phrases(key: str, label: str) -> list[str]:
    """What names a choice: its key's words ("as-soon-as-possible"), and its label, without a
    leading article and without what follows a colon or a parenthesis."""
    label = re.split(r"[:(]", label, maxsplit=1)[0]
    found = [_words(key.replace("-", " ")), _ARTICLE.sub("", _words(label))]
    return [p for p in dict.fromkeys(found) if p]


def read_choices(text: str, terms: Mapping[str, Term]) -> dict[str, ChoiceReading]:
    """For each choice term of `terms` (the terms of one clause), the choice that `text` names.
    A phrase counts only when it is distinctive, found in no other choice's key or label among
    these terms ("line of contact" is in several territorial choices, so it names none), and not
    after a negation ("not up to the consensus"); a term is read only when one choice is named."""
    choices = {(term_id, key): _phrases(key, label)
               for term_id, term in terms.items() if term.type is TermType.choice
               for key, label in (term.choices or {}).items()}
    words = f" {_words(text)} "
    readings: dict[str, ChoiceReading] = {}
    for term_id in dict.fromkeys(t for t, _ in choices):
        named: list[tuple[str, str]] = []
        for (owner, key), phrases in choices.items():
            if owner != term_id:
                continue
            others = [f" {q} " for other, qs in choices.items() if other != (owner, key)
                      for q in qs]
            for phrase in phrases:
                if any(f" {phrase} " in q for q in others):
                    continue
                at = words.find(f" {phrase} ")
                if at >= 0 and not _NEGATION.search(words[:at + 1]):
                    named.append((key, phrase))
                    break
        readings[term_id] = ChoiceReading(named[0][0] if len(named) == 1 else None,
                                          tuple(named))
    return readings
