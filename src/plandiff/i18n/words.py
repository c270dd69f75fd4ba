"""The words of plandiff's vocabularies, as literal messages so that `pybabel extract` finds
them: views translate a change kind, status, coverage or reliability with `pgettext(context,
value)` at run time. Never imported; a test checks that every value of the models is here."""

from __future__ import annotations

from plandiff.i18n import ENGLISH

pgettext, npgettext = ENGLISH.pgettext, ENGLISH.npgettext

CHANGE = (pgettext("change", "added"), pgettext("change", "removed"),
          pgettext("change", "modified"), pgettext("change", "renamed"),
          pgettext("change", "renumbered"), pgettext("change", "unchanged"),
          pgettext("change", "unreported"))
# A change kind as the label of a count ("added: 0"): Arabic agrees it with the clauses counted.
SUMMARY = (pgettext("summary", "added"), pgettext("summary", "removed"),
           pgettext("summary", "modified"), pgettext("summary", "renamed"),
           pgettext("summary", "renumbered"), pgettext("summary", "unchanged"),
           pgettext("summary", "unreported"))
STATUS = (pgettext("status", "leaked"), pgettext("status", "proposed"),
          pgettext("status", "agreed"), pgettext("status", "rejected"),
          pgettext("status", "superseded"))
COVERAGE = (pgettext("coverage", "full"), pgettext("coverage", "partial"))
RELIABILITY = (pgettext("reliability", "high"), pgettext("reliability", "medium"),
               pgettext("reliability", "low"))
STANCE = (pgettext("stance", "demand"), pgettext("stance", "offer"),
          pgettext("stance", "proposal"), pgettext("stance", "red-line"),
          pgettext("stance", "accept"), pgettext("stance", "reject"))
STANCE_PAST = (pgettext("stance-past", "demand"), pgettext("stance-past", "offer"),
               pgettext("stance-past", "proposal"), pgettext("stance-past", "red-line"),
               pgettext("stance-past", "accept"), pgettext("stance-past", "reject"))
# A party's verb as the views print it (core.positions.VERBS): "Russia demands: ...".
VERB = (pgettext("stance", "demands"), pgettext("stance", "offers"),
        pgettext("stance", "proposes"), pgettext("stance", "insists on"),
        pgettext("stance", "accepts"), pgettext("stance", "rejects"))
VERB_PAST = (pgettext("stance-past", "demanded"), pgettext("stance-past", "offered"),
             pgettext("stance-past", "proposed"), pgettext("stance-past", "insisted on"),
             pgettext("stance-past", "accepted"), pgettext("stance-past", "rejected"))
STATE = (pgettext("state", "reported"), pgettext("state", "unreported"),
         pgettext("state", "removed"), pgettext("state", "disputed"),
         pgettext("state", "carried"), pgettext("state", "absent"))
FILE = (pgettext("file", "added"), pgettext("file", "modified"), pgettext("file", "deleted"))
SEVERITY = (pgettext("severity", "error"), pgettext("severity", "warning"))
# Units plandiff's catalog counts (render.values._UNITS): six plural forms each in Arabic.
UNIT = (npgettext("unit", "{count} personnel", "{count} personnel", 1),
        npgettext("unit", "{count} day", "{count} days", 1),
        npgettext("unit", "{count} month", "{count} months", 1),
        npgettext("unit", "{count} year", "{count} years", 1),
        npgettext("unit", "{count} point", "{count} points", 1))
