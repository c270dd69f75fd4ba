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
write to (0700), never inside plans/. Each is JSON (dates tagged), written to a temporary file and
renamed into place, with its own digest: a truncated or garbled entry is ignored and replaced.
Nothing is unpickled; the data read back is rebuilt into the models as it was kept, without
validating it again (see _construct). A folder that cannot be written is skipped without a word.
PLANDIFF_CACHE=0 turns it off.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from plandiff.repo.cache_folder import cache_folder, enabled, hasher, prune

if TYPE_CHECKING:
    from plandiff.repo.repository import LoadedPlan, Root

FORMAT = b"plandiff-repository-cache/1"
SUBFOLDER = "repositories"
MAX_ENTRIES = 64
# The plandiff package: every file in it but compiled bytecode and the bundled corpus (which is
# keyed as plan files, when it is the repository read).
PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_SKIPPED = frozenset({"__pycache__", "_corpus"})
_code_digests: dict[str, bytes] = {}


class Uncacheable(Exception):
    """Something the key cannot vouch for: a symbolic link, a pipe, folders nested too deep."""


# --- the key -------------------------------------------------------------------------------------


def feed_tree(feed: Callable[[bytes], object], top: str, *, code: bool, depth: int = 0) -> None:
    """Every name, kind and byte under `top`, in name order (for the package: every file but
    bytecode and the bundled corpus). Raises Uncacheable for a link, a pipe or a device."""
    entries = sorted(os.scandir(top), key=lambda entry: entry.name)
    for entry in entries:
        if code and entry.name in _SKIPPED:
            continue
        mode = entry.stat(follow_symlinks=False).st_mode
        name = entry.name.encode("utf-8", "surrogateescape")
        if stat.S_ISLNK(mode):
            raise Uncacheable  # where a link leads can change without any byte here changing
        if stat.S_ISDIR(mode):
            if depth >= 4:
                raise Uncacheable
            feed(b"d" + len(name).to_bytes(4, "big") + name)
            feed_tree(feed, entry.path, code=code, depth=depth + 1)
        elif stat.S_ISREG(mode):
            with open(entry.path, "rb") as stream:
                data = stream.read()
            feed(b"f" + len(name).to_bytes(4, "big") + name + len(data).to_bytes(8, "big"))
            feed(data)
        else:
            raise Uncacheable
    feed(b"end")


def code_digest() -> bytes:
    """The digest of the package's files, the Python that runs it and the installed
    distributions (their names carry their versions); once a process."""
    known = _code_digests.get(PACKAGE)
    if known is None:
        digest = hasher()
        for part in (FORMAT, sys.version.encode(), sys.executable.encode()):
            digest.update(len(part).to_bytes(8, "big") + part)
        feed_tree(digest.update, PACKAGE, code=True)
        for place in sys.path:
            if place and os.path.isdir(place):
                names = sorted(name for name in os.listdir(place)
                               if name.endswith((".dist-info", ".egg-info", ".pth")))
                digest.update(repr((place, names)).encode("utf-8", "surrogateescape"))
        known = _code_digests[PACKAGE] = digest.digest()
    return known


def plans_digest(plans: str) -> bytes:
    """The digest of every name and byte under a plans/ folder."""
    digest = hasher()
    feed_tree(digest.update, plans, code=False)
    return digest.digest()


# --- reading and keeping entries ------------------------------------------------------------------


@dataclass
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
        plans_bytes = plans_digest(plans)
        digest = hasher()
        digest.update(code_digest())
        digest.update(repr((root.limits.max_bytes, root.limits.max_nodes)).encode())
        digest.update(plans_bytes)
    except (OSError, Uncacheable, ValueError):
        return None
    return Slot(digest.hexdigest(), plans, plans_bytes, os.path.join(top, SUBFOLDER))


def read(place: Slot, root: Root) -> LoadedPlan | None:
    """The repository kept under this key, or None (no entry, or one that is unusable)."""
    if not _private(place.folder, create=False):
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
    plans = os.path.realpath(place.plans)
    real = os.path.realpath(place.folder)
    if real == plans or real.startswith(plans + os.sep):
        return  # never inside the repository's plans/
    try:
        if plans_digest(place.plans) != place.digest:
            return  # the files changed while they were read
        body = _encode(loaded)
    except (OSError, Uncacheable, ValueError, TypeError):
        return
    if body is None or not _private(place.folder, create=True):
        return
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(prefix=".entry.", dir=place.folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(_header(place.key, body) + body)
            os.replace(temporary, os.path.join(place.folder, place.key))
        except BaseException:
            os.unlink(temporary)
            raise
        prune(place.folder, MAX_ENTRIES)
    except OSError:
        return


def _private(folder: str, *, create: bool) -> bool:
    """Whether `folder` is a real folder of this user that no one else may use (made 0700 when
    asked), in a folder of this user that no one else may write to."""
    parent = os.path.dirname(folder)
    try:
        if create and not os.path.lexists(folder):
            if not os.path.lexists(parent):
                os.makedirs(parent, mode=0o700, exist_ok=True)
            if _owned(os.lstat(parent), 0o022):
                os.mkdir(folder, mode=0o700)
        if not _owned(os.lstat(parent), 0o022):
            return False  # another user could swap the folder for theirs
        info = os.lstat(folder)
    except OSError:
        return False
    if not _owned(info, 0):
        return False
    if info.st_mode & 0o077:
        if not create:
            return False
        try:  # ours, but left open by someone's umask: private before anything is written
            os.chmod(folder, 0o700)
        except OSError:
            return False
    return True


def _owned(info: os.stat_result, forbidden: int) -> bool:
    """A real folder (not a link) of this user, without the `forbidden` mode bits."""
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISDIR(info.st_mode) and not info.st_mode & forbidden and mine


# --- the entry: a header (format, key, length and digest of the body), then JSON ----------------

_DATE = "$date"


def _header(key: str, body: bytes) -> bytes:
    check = hasher()
    check.update(body)
    return b"%s %s %d %s\n" % (FORMAT, key.encode(), len(body), check.hexdigest().encode())


def _encode(loaded: LoadedPlan) -> bytes | None:
    """The entry's body; None when it could not be read back as it is."""
    import datetime as dt
    import json

    dates = 0

    def tag(value: object) -> object:
        nonlocal dates
        if type(value) is dt.date:
            dates += 1
            return {_DATE: value.isoformat()}
        raise TypeError(f"not kept in the repository cache: {type(value).__name__}")

    payload = {
        # only the fields a file set, so that validating them again gives the same models
        "plan": loaded.plan.model_dump(mode="python", exclude_unset=True),
        "files": loaded.files,
        "problems": [[p.file, p.message, p.code, p.severity, p.hint, list(p.keypath), p.line,
                      p.column] for p in loaded.problems],
        "folders": [[f.display, f.header, f.header_clauses, [list(c) for c in f.chapters]]
                    for f in loaded.folders.values()],
    }
    text = json.dumps(payload, default=tag, ensure_ascii=False, separators=(",", ":"),
                      check_circular=False)
    # Every key of a Plan's mappings is a field name or an id (slugs, party and language codes);
    # should a `$date` key ever be data, the entry could not be read back as it was: keep none.
    if text.count(f'"{_DATE}":') != dates:
        return None
    return text.encode("utf-8", "surrogatepass")


def _decode(data: bytes, key: str, root: Root) -> LoadedPlan | None:
    import datetime as dt
    import json

    from plandiff.core.models import Plan
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

    def untag(mapping: dict[str, Any]) -> Any:
        if len(mapping) == 1 and _DATE in mapping:
            return dt.date.fromisoformat(mapping[_DATE])
        return mapping

    payload = json.loads(body.decode("utf-8", "surrogatepass"), object_hook=untag)
    plan = _construct(Plan, payload["plan"])
    problems = [Problem(file, message, code, severity, hint, tuple(keypath), line, column)
                for file, message, code, severity, hint, keypath, line, column
                in payload["problems"]]
    folders = {display: FolderVersion(display, header, count, tuple((c, n) for c, n in chapters))
               for display, header, count, chapters in payload["folders"]}
    return LoadedPlan(root, plan, dict(payload["files"]), problems, folders=folders)


# --- the models rebuilt from an entry, without validating it again ------------------------------
#
# An entry holds a plan that was validated when it was kept, dumped with only the fields its files
# set, in a folder no one else may write to, under its own digest. It is rebuilt as it was
# (`model_construct`, each nested model, enum and list by its field's declared type, the fields
# set as they were set), so that reading the cache builds no validator: the models' schemas are
# built only when a plan file is validated (defer_build). A shape not foreseen here (an unknown
# field, a mapping no model of the union fits) makes the entry unusable: it is read afresh.


def _construct(model: Any, data: Any) -> Any:
    """The model as `model_construct(_fields_set=set(data), **values)` makes it (the fields in
    the model's order, the unset ones given their defaults, no extra, no private attributes),
    each value rebuilt by its field's type; without model_construct's per-field work for aliases,
    which made a large repository slower to rebuild than to validate."""
    if type(data) is not dict:
        raise ValueError(f"{model.__name__}: not a mapping")
    values = {}
    found = 0
    for name, rebuild, default, factory in _fields_of(model):
        if name in data:
            value = data[name]
            values[name] = value if rebuild is None or value is None else rebuild(value)
            found += 1
        elif factory is not None:
            values[name] = factory()
        elif default is _REQUIRED:
            raise ValueError(f"{model.__name__}: `{name}` is missing")
        else:
            values[name] = default
    if found != len(data):
        raise ValueError(f"{model.__name__}: a field it does not have")
    built = model.__new__(model)
    _set(built, "__dict__", values)
    _set(built, "__pydantic_fields_set__", set(data))
    _set(built, "__pydantic_extra__", None)
    _set(built, "__pydantic_private__", None)
    return built


_set = object.__setattr__
_REQUIRED: Any = object()
_Field = tuple[str, "Callable[[Any], Any] | None", Any, "Callable[[], Any] | None"]
_FIELDS: dict[Any, list[_Field]] = {}


def _fields_of(model: Any) -> list[_Field]:
    """For each field of a model in its order: its name, how to rebuild its value from JSON
    (None: as it is), its default (_REQUIRED when it has none) and its default factory."""
    known = _FIELDS.get(model)
    if known is None:
        from pydantic_core import PydanticUndefined

        if model.model_config.get("extra") != "forbid" or model.__pydantic_post_init__ \
                or model.__private_attributes__:
            raise TypeError(f"the repository cache cannot rebuild {model.__name__}")
        known = []
        for name, field in model.model_fields.items():
            default = _REQUIRED if field.is_required() else field.default
            if default is not _REQUIRED and default is not PydanticUndefined \
                    and not isinstance(default, (type(None), bool, int, float, str)):
                raise TypeError(f"{model.__name__}.{name}: a default that could be shared")
            factory = field.default_factory
            if factory is not None and getattr(field, "default_factory_takes_data", False):
                raise TypeError(f"{model.__name__}.{name}: a default made from the other fields")
            if default is PydanticUndefined:
                default = _REQUIRED if factory is None else None
            known.append((name, _rebuilder(field.annotation), default, factory))
        _FIELDS[model] = known
    return known


def _rebuilder(annotation: Any) -> Callable[[Any], Any] | None:
    import datetime as dt
    import enum
    import functools
    import types
    import typing

    from pydantic import BaseModel

    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _rebuilder(arguments[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lambda value: _construct(annotation, value)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    if origin is list:
        item = _rebuilder(arguments[0])
        return None if item is None else functools.partial(_each, item)
    if origin is dict:
        value_item = _rebuilder(arguments[1])
        return None if value_item is None else functools.partial(_each_value, value_item)
    if origin in (typing.Union, types.UnionType):
        members = [_rebuilder(member) for member in arguments if member is not type(None)]
        models = [m for m in arguments if isinstance(m, type) and issubclass(m, BaseModel)]
        if all(member is None for member in members):
            return None
        if len(members) == 1:
            return members[0]
        if len(models) == sum(member is not None for member in members):
            return lambda value: _one_of(models, value)
    if annotation in (str, int, float, bool, dt.date, typing.Any) or annotation is None \
            or origin is typing.Literal:
        return None
    raise TypeError(f"the repository cache cannot rebuild a {annotation!r}")


def _each(item: Callable[[Any], Any], values: list[Any]) -> list[Any]:
    return [item(value) for value in values]


def _each_value(item: Callable[[Any], Any], values: dict[str, Any]) -> dict[str, Any]:
    return {key: item(value) for key, value in values.items()}


def _one_of(models: list[Any], value: Any) -> Any:
    """A value of a union of models and plain values: a mapping is the one model whose required
    fields it has and whose fields hold all of its keys; anything else is a plain value."""
    if type(value) is not dict:
        return value
    fits = [model for model in models
            if all(name in value for name, field in model.model_fields.items()
                   if field.is_required()) and all(key in model.model_fields for key in value)]
    if len(fits) != 1:
        raise ValueError("a mapping that no one model fits")
    return _construct(fits[0], value)
