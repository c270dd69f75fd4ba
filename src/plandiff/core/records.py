"""Records: what `@dataclass(frozen=True)` gives plandiff's result types (a diff, a history, a
problem ...), made in a fraction of the time.

Importing a module that declares a dataclass costs about a millisecond a class (dataclasses
writes and compiles six methods for each); a command imports some fifty of them before it
reads a byte. A record compiles only its `__init__`; comparing, hashing, showing and refusing
assignment are shared methods that read the class's field names. What a record keeps of
dataclasses: fields in declaration order after the inherited ones, positional or keyword
arguments, defaults and `field(default_factory=...)`, `compare=False` and `repr=False`,
`__post_init__`, frozen by default (`record(frozen=False)` for a mutable one, which like a
mutable dataclass is not hashable), equality only between records of one class, and
`replace(record, **changes)`. What it leaves out: `dataclasses.fields`, `asdict` and
`dataclasses.replace` (use `replace` here), ordering, slots, `InitVar` and `ClassVar` fields.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, overload

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform as dataclass_transform
else:  # typing has it from Python 3.11; at run time it only marks the function
    def dataclass_transform(**_: Any) -> Any:
        return lambda function: function

T = TypeVar("T")

_set = object.__setattr__
MISSING: Any = object()


class FrozenInstanceError(AttributeError):
    """A field of a frozen record was assigned (use `replace`)."""


class Field:
    __slots__ = ("compare", "default", "default_factory", "repr")

    def __init__(self, default: Any, default_factory: Any, compare: bool, repr: bool) -> None:
        self.default, self.default_factory = default, default_factory
        self.compare, self.repr = compare, repr


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] | None = None,
          compare: bool = True, repr: bool = True) -> Any:
    """A field's default made fresh for each record (`default_factory`), or a field left out of
    comparison and repr (bookkeeping)."""
    return Field(default, default_factory, compare, repr)


def init_function(name: str, specs: dict[str, Field], *, frozen: bool, keyword_only: bool,
                  post_init: bool) -> Callable[..., None]:
    """The `__init__` of a class with these fields, written and compiled once: each argument,
    its default or a fresh value of its factory, stored in order."""
    scope: dict[str, Any] = {"_set": _set, "MISSING": MISSING}
    parameters, lines = [], []
    for field_name, spec in specs.items():
        store = f"_set(self, {field_name!r}, {{}})" if frozen else f"self.{field_name} = {{}}"
        if spec.default_factory is not None:
            scope[f"_factory_{field_name}"] = spec.default_factory
            parameters.append(f"{field_name}=MISSING")
            lines.append(" " + store.format(f"_factory_{field_name}() if {field_name} is"
                                            f" MISSING else {field_name}"))
            continue
        if spec.default is MISSING:
            parameters.append(field_name)
        else:
            scope[f"_default_{field_name}"] = spec.default
            parameters.append(f"{field_name}=_default_{field_name}")
        lines.append(" " + store.format(field_name))
    if post_init:
        lines.append(" self.__post_init__()")
    star = "*, " if keyword_only and parameters else ""
    source = f"def __init__(self, {star}{', '.join(parameters)}):\n" + \
        ("\n".join(lines) or " pass")
    exec(source, scope)  # our own field names, checked to be identifiers by the class statement
    function: Callable[..., None] = scope["__init__"]
    function.__qualname__ = f"{name}.__init__"
    return function


def _compiled_on_first_use(cls: type, specs: dict[str, Field], *, frozen: bool,
                           post_init: bool) -> Callable[..., None]:
    """An `__init__` that compiles the class's own (init_function) when the first record is made,
    puts it on the class and runs it: compiling is a tenth of a millisecond a class, and most
    of the records a command imports it never makes."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if cls.__dict__.get("__init__") is __init__:
            cls.__init__ = init_function(  # type: ignore[misc]
                cls.__qualname__, specs, frozen=frozen, keyword_only=False, post_init=post_init)
        cls.__dict__["__init__"](self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _fields_of(cls: type) -> dict[str, Field]:
    """The fields of `cls`: its bases' (records), then the names it annotates, in order. A class
    attribute of the same name is the default (or a `field(...)`), and is taken off the class
    when it is a Field."""
    specs: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        specs.update(base.__dict__.get("__record_specs__", {}))
    for field_name in cls.__dict__.get("__annotations__", {}):  # noqa: RUF063 - as written
        given = cls.__dict__.get(field_name, MISSING)
        if isinstance(given, Field):
            specs[field_name] = given
            delattr(cls, field_name)
        else:
            specs[field_name] = Field(given, None, True, True)
    return specs


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return all(getattr(self, n) == getattr(other, n) for n in self.__record_compared__)


def _hash(self: Any) -> int:
    return hash(tuple(getattr(self, n) for n in self.__record_compared__))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__record_shown__)
    return f"{self.__class__.__qualname__}({shown})"


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _make(cls: type[T], frozen: bool) -> type[T]:
    specs = _fields_of(cls)
    namespace = dict(cls.__dict__)  # what the class itself defines, before anything is added
    cls.__record_specs__ = specs  # type: ignore[attr-defined]
    cls.__record_fields__ = tuple(specs)  # type: ignore[attr-defined]
    cls.__record_compared__ = tuple(n for n, s in specs.items()  # type: ignore[attr-defined]
                                    if s.compare)
    cls.__record_shown__ = tuple(n for n, s in specs.items() if s.repr)  # type: ignore[attr-defined]
    cls.__match_args__ = tuple(specs)  # type: ignore[attr-defined,misc]
    cls.__init__ = _compiled_on_first_use(  # type: ignore[method-assign]
        cls, specs, frozen=frozen, post_init=hasattr(cls, "__post_init__"))
    if "__repr__" not in namespace:
        cls.__repr__ = _repr  # type: ignore[method-assign]
    if "__eq__" not in namespace:
        cls.__eq__ = _eq  # type: ignore[method-assign]
    if frozen:
        if "__hash__" not in namespace or namespace["__hash__"] is None:
            cls.__hash__ = _hash  # type: ignore[method-assign]
        cls.__setattr__ = _frozen_setattr  # type: ignore[method-assign]
        cls.__delattr__ = _frozen_delattr  # type: ignore[method-assign]
    elif "__eq__" not in namespace:
        cls.__hash__ = None  # type: ignore[assignment,method-assign]  # as a mutable dataclass: unhashable
    return cls


@overload
@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def record(cls: type[T], /) -> type[T]: ...
@overload
def record(*, frozen: bool = True) -> Callable[[type[T]], type[T]]: ...


def record(cls: type[T] | None = None, /, *, frozen: bool = True) -> Any:
    """Make `cls` a record: `@record` (frozen) or `@record(frozen=False)`."""
    if cls is None:
        return lambda given: _make(given, frozen)
    return _make(cls, frozen)


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record `obj` with some fields changed (and its `__post_init__` run again)."""
    values = {name: getattr(obj, name) for name in obj.__record_fields__}  # type: ignore[attr-defined]
    unknown = changes.keys() - values.keys()
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return type(obj)(**values)
