"""The repository cache: a repository as read, validated and resolved into a Plan, kept outside
it, so that any command on an unchanged repository skips the YAML and the validation.

An entry is found by its key, a digest of everything the result depends on: every name and byte
under the repository's plans/, every file of the plandiff package (its code and its compiled
catalogs), the Python and the installed distributions with their versions, and the limits the
files were read within. Change one byte of any of them and the key is another: an entry is never
stale. Only a clean repository is kept (no error; warnings are kept with it), and only when
plans/ did not change while it was read.

Entries live in `repositories/` of the cache folder (PLANDIFF_CACHE_DIR, else
$XDG_CACHE_HOME/plandiff, else ~/.cache/plandiff), a folder of this user that no one else may
write to (0700), never inside plans/. Each is JSON (each model the list of its fields tagged with
its class, dates tagged), written in pieces to a temporary file and renamed into place, with its
own digest: a truncated or garbled entry is ignored and replaced. Nothing is unpickled; the data
read back is rebuilt into the models (core/models.py) as it was kept, without validating it again
and without pydantic (see _builders). A folder that cannot be written is skipped without a word.
PLANDIFF_CACHE=0 turns it off.
"""

from __future__ import annotations

import os
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from plandiff.core.records import record
from plandiff.repo import cache_folder as folders
from plandiff.repo.cache_folder import (
    PACKAGE,
    Uncacheable,
    cache_folder,
    enabled,
    feed_tree,
    hasher,
    inside,
    known_package_digest,
    private_folder,
    prune,
    write_entry,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from plandiff.repo.repository import LoadedPlan, Root

FORMAT = b"plandiff-repository-cache/3"
SUBFOLDER = "repositories"
MAX_ENTRIES = 64
_code_digests: dict[str, bytes] = {}


# --- the key -------------------------------------------------------------------------------------


def code_digest(plans: str | None = None) -> bytes:
    """The digest of the package's files, the Python that runs it and the installed
    distributions (cache_folder.known_package_digest, never kept inside `plans`); once a process,
    taking the one the output cache's key made in this process if it made one."""
    known = _code_digests.get(PACKAGE)
    if known is None:
        digest = hasher()
        digest.update(len(FORMAT).to_bytes(8, "big") + FORMAT)
        digest.update(folders.made.get(PACKAGE) or known_package_digest(PACKAGE, plans=plans))
        known = _code_digests[PACKAGE] = digest.digest()
    return known


def plans_digest(plans: str) -> bytes:
    """The digest of every name and byte under a plans/ folder."""
    digest = hasher()
    feed_tree(digest.update, plans, code=False)
    return digest.digest()


# --- reading and keeping entries ------------------------------------------------------------------


@record(frozen=False)
class Slot:
    """Where a repository's entry is, and the digest of its plans/ when the key was made."""

    key: str
    plans: str
    digest: bytes
    folder: str


def slot(root: Root) -> Slot | None:
    """The entry's place for this repository, or None when the cache is off or cannot vouch
    for it."""
    if not enabled():
        return None
    top = cache_folder()
    if top is None:
        return None
    plans = str(root.plans)
    try:
        plans_bytes = folders.plans_now.get(os.path.realpath(plans)) or plans_digest(plans)
        digest = hasher()
        digest.update(code_digest(plans))
        digest.update(repr((root.limits.max_bytes, root.limits.max_nodes)).encode())
        digest.update(plans_bytes)
    except (OSError, Uncacheable, ValueError):
        return None
    return Slot(digest.hexdigest(), plans, plans_bytes, os.path.join(top, SUBFOLDER))


def read(place: Slot, root: Root) -> LoadedPlan | None:
    """The repository kept under this key, or None (no entry, or one that is unusable)."""
    if not private_folder(place.folder, create=False):
        return None
    try:
        with open(os.path.join(place.folder, place.key), "rb") as stream:
            data = stream.read()
    except OSError:
        return None
    try:
        return _decode(data, place.key, root)
    except Exception:  # a truncated or garbled entry is one to replace, never an error
        return None


def keep(place: Slot, loaded: LoadedPlan) -> None:
    """Keep a clean repository under this key, when plans/ is as it was when the key was made;
    quietly nothing when the folder cannot be written."""
    if inside(place.folder, place.plans):
        return  # never inside the repository's plans/
    try:
        if plans_digest(place.plans) != place.digest:
            return  # the files changed while they were read
        body = _encode(loaded)
    except (OSError, Uncacheable, ValueError, TypeError):
        return
    if body is None or not private_folder(place.folder, create=True):
        return
    try:
        write_entry(place.folder, place.key, _header(place.key, body), body)
        prune(place.folder, MAX_ENTRIES)
    except OSError:
        return


# --- the entry: a header (format, key, length and digest of the body), then JSON ----------------

_DATE = "$date"


def _header(key: str, body: bytes) -> bytes:
    check = hasher()
    check.update(body)
    return b"%s %s %d %s\n" % (FORMAT, key.encode(), len(body), check.hexdigest().encode())


def _encode(loaded: LoadedPlan) -> bytes | None:
    """The entry's body; None when it could not be read back as it is.

    One pass of json.dumps: each model becomes `{"$m:Class": [its fields in order]}` (a tuple
    made by one attrgetter call) and each date `{"$date": "..."}`, the rest is encoded in C."""
    import datetime as dt
    import json

    known = {kind: (_MODEL + name, _getter(kind._fields)) for name, kind in _kinds().items()}
    find = known.get
    date = dt.date
    dates = models = 0

    def tag(value: object) -> object:
        nonlocal dates, models
        model = find(type(value))
        if model is not None:
            models += 1
            return {model[0]: model[1](value)}
        if type(value) is date:
            dates += 1
            return {_DATE: value.isoformat()}
        raise TypeError(f"not kept in the repository cache: {type(value).__name__}")

    payload = {
        "plan": loaded.plan,
        "files": loaded.files,
        "problems": [[p.file, p.message, p.code, p.severity, p.hint, list(p.keypath), p.line,
                      p.column] for p in loaded.problems],
        "folders": [[f.display, f.header, f.header_clauses, [list(c) for c in f.chapters]]
                    for f in loaded.folders.values()],
    }
    text = json.dumps(payload, default=tag, ensure_ascii=False, separators=(",", ":"),
                      check_circular=False)
    # Every key of a Plan's mappings is a field name or an id (slugs, party and language codes);
    # should a `$date` or `$m:` key ever be data, the entry could not be read back as it was:
    # keep none. (Inside a JSON string a quote is escaped: these never match there.)
    if text.count(f'"{_DATE}":') != dates or text.count(f'"{_MODEL}') != models:
        return None
    return text.encode("utf-8", "surrogatepass")


def _getter(names: tuple[str, ...]) -> Callable[[object], tuple[object, ...]]:
    """A function giving a model's fields as a tuple, in order (attrgetter, in C)."""
    if len(names) == 1:
        name = names[0]
        return lambda model: (getattr(model, name),)
    return attrgetter(*names)


def _decode(data: bytes, key: str, root: Root) -> LoadedPlan | None:
    import datetime as dt
    import json

    from plandiff.core.problems import Problem
    from plandiff.repo.repository import FolderVersion, LoadedPlan

    head, _, body = data.partition(b"\n")
    fields = head.split(b" ")
    if len(fields) != 4 or fields[0] != FORMAT or fields[1] != key.encode() \
            or int(fields[2]) != len(body):
        return None
    check = hasher()
    check.update(body)
    if check.hexdigest().encode() != fields[3]:
        return None
    builders = _builders()
    fromisoformat = dt.date.fromisoformat

    def untag(mapping: dict[str, Any]) -> Any:
        if len(mapping) != 1:
            return mapping
        [(tag, value)] = mapping.items()
        if tag == _DATE:
            return fromisoformat(value)
        if tag[:3] != _MODEL:
            return mapping
        return builders[tag](value)

    payload = json.loads(body.decode("utf-8", "surrogatepass"), object_hook=untag)
    plan = payload["plan"]
    if type(plan) is not _kinds()["Plan"]:
        return None
    problems = [Problem(file, message, code, severity, hint, tuple(keypath), line, column)
                for file, message, code, severity, hint, keypath, line, column
                in payload["problems"]]
    folders = {display: FolderVersion(display, header, count, tuple((c, n) for c, n in chapters))
               for display, header, count, chapters in payload["folders"]}
    return LoadedPlan(root, plan, dict(payload["files"]), problems, folders=folders)


# --- the models rebuilt from an entry, without validating it again ------------------------------
#
# An entry holds a plan that was validated when it was kept, in a folder no one else may write to,
# under its own digest. Each model is kept as `{"$m:Class": [...]}`, every field of its class in
# order (its bookkeeping too: whether a `value` was written, so `has_value` is as it was), and
# rebuilt by its class, as it was, without validating it again and without pydantic: enums from
# their text. A name that is not one of the contract's classes, another number of fields, or a
# model where its class holds none (NESTED) makes the entry unusable: it is read afresh.

_MODEL = "$m:"


def _kinds() -> dict[str, Any]:
    from plandiff.core import models

    return {kind.__name__: kind for kind in vars(models).values()
            if isinstance(kind, type) and issubclass(kind, models.Model)
            and kind is not models.Model}


def _builders() -> dict[str, Callable[[list[Any]], Any]]:
    """By tag (`$m:Class`), what rebuilds a model from its list of fields."""
    from plandiff.core.models import NESTED, PLAIN_TOO, Model

    def builder(kind_name: str, kind: Any) -> Callable[[list[Any]], Any]:
        names: tuple[str, ...] = kind._fields
        count = len(names)
        checks = [(names.index(name), name, allowed, (kind_name, name) in PLAIN_TOO)
                  for name, allowed in NESTED.get(kind_name, {}).items()]

        def build(values: list[Any]) -> Any:
            if type(values) is not list or len(values) != count:
                raise ValueError(f"{kind_name}: not its fields")
            for index, name, allowed, plain in checks:
                value = values[index]
                items = value.values() if type(value) is dict else value \
                    if type(value) is list else () if value is None else (value,)
                for item in items:
                    if type(item).__name__ not in allowed and (
                            not plain or isinstance(item, (dict, list, Model))):
                        raise ValueError(f"{kind_name}.{name}: not a model it holds")
            return kind(**dict(zip(names, values, strict=True)))

        return build

    return {_MODEL + name: builder(name, kind) for name, kind in _kinds().items()}
