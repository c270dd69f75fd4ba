"""Records (core/records.py): the result types behave as the frozen dataclasses they replace."""

from __future__ import annotations

import pathlib

import pytest

from plandiff.core.records import FrozenInstanceError, field, record, replace


@record
class Point:
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)
    note: str | None = field(default=None, compare=False, repr=False)


@record(frozen=False)
class Counter:
    count: int = 0


@record(frozen=False)
class Failure(Exception):
    message: str

    def __str__(self) -> str:
        return self.message


@record(frozen=False)
class NamedFailure(Failure):
    name: str | None = None


@record
class Checked:
    value: int
    double: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "double", self.value * 2)


def test_positional_and_keyword_arguments_with_defaults() -> None:
    assert Point(1, 2) == Point(x=1, y=2) == Point(1, y=2)
    assert Point(1).y == 0
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, z=3)  # type: ignore[call-arg]


def test_a_factory_gives_each_record_its_own_value() -> None:
    first, second = Point(1), Point(1)
    first.tags.append("a")
    assert second.tags == []


@record
class Pair:
    left: str
    right: tuple[str, ...] = ()
    note: str | None = field(default=None, compare=False)


def test_equality_and_hash_follow_the_compared_fields_of_one_class() -> None:
    assert Point(1, 2, note="x") == Point(1, 2, note="y")
    assert hash(Pair("a", note="x")) == hash(Pair("a", note="y"))
    assert Point(1, 2) != Point(2, 1)
    assert Point(1) != Counter(1)  # type: ignore[comparison-overlap]
    assert len({Pair("a"), Pair("a"), Pair("a", ("b",))}) == 2


def test_a_frozen_record_refuses_assignment_and_a_mutable_one_is_not_hashable() -> None:
    point = Point(1)
    with pytest.raises(FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.x
    counter = Counter()
    counter.count += 1
    assert counter.count == 1
    with pytest.raises(TypeError):
        hash(counter)


def test_repr_shows_the_fields_not_left_out() -> None:
    assert repr(Point(1, 2)) == "Point(x=1, y=2, tags=[])"


def test_replace_gives_a_changed_copy_and_runs_post_init_again() -> None:
    assert replace(Point(1, 2), y=5) == Point(1, 5)
    assert Checked(2).double == 4
    assert replace(Checked(2), value=5).double == 10
    with pytest.raises(TypeError, match="no field 'z'"):
        replace(Point(1), z=1)


def test_fields_are_inherited_before_a_subclass_own() -> None:
    error = NamedFailure("broken", name="v28")
    assert (error.message, error.name, str(error)) == ("broken", "v28", "broken")
    assert NamedFailure.__match_args__ == ("message", "name")
    with pytest.raises(Failure):
        raise error


def test_no_module_makes_dataclasses_at_import() -> None:
    # Each dataclass costs about a millisecond of every command's start (bench/run.py measures
    # it); plandiff's types are records.
    package = pathlib.Path(__file__).resolve().parents[1] / "src" / "plandiff"
    users = [str(path.relative_to(package)) for path in package.rglob("*.py")
             if "from dataclasses import" in path.read_text(encoding="utf-8")
             or "import dataclasses" in path.read_text(encoding="utf-8")]
    assert users == []


def test_a_records_init_is_compiled_when_its_first_record_is_made() -> None:
    """Compiling an `__init__` is a tenth of a millisecond a class, and a command makes records of
    only some of the classes it imports: each is compiled on first use, whichever class, subclass
    or not, makes the first one."""

    @record
    class Base:
        a: int
        b: list[int] = field(default_factory=list)

    @record
    class Child(Base):
        c: str = "c"

    class Plain(Base):
        pass

    lazy = Base.__dict__["__init__"]
    assert Child(1, [2], "x") == Child(a=1, b=[2], c="x")
    assert Base.__dict__["__init__"] is lazy  # Child has its own
    assert Plain(3).b == [] and Plain(3).a == 3
    assert Base.__dict__["__init__"] is not lazy  # compiled by the first Plain, on Base
    assert Base(4) == Base(4, []) and Base(5, b=[1]).b == [1]
    with pytest.raises(TypeError):
        Base()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Child(1, [], "x", "extra")  # type: ignore[call-arg]
