"""@record: a frozen, slotted dataclass whose repr is shared, not compiled per class."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from chithi.core.i18n import Text
from chithi.core.records import record
from chithi.core.text import Span
from chithi.match.matcher import TextMatch


@record
class Sample:
    """A record as chithi's are written."""

    name: str
    sizes: tuple[int, ...] = ()
    hidden: dict[str, int] = dataclasses.field(default_factory=dict, repr=False, compare=False)


@dataclasses.dataclass(frozen=True, slots=True)
class Plain:
    name: str
    sizes: tuple[int, ...] = ()
    hidden: dict[str, int] = dataclasses.field(default_factory=dict, repr=False, compare=False)


def test_a_record_reads_as_a_dataclass_does():
    one = Sample("a", (1, 2), {"x": 1})
    assert repr(one) == "Sample(name='a', sizes=(1, 2))"
    assert repr(one).removeprefix("Sample") == repr(Plain("a", (1, 2))).removeprefix("Plain")
    assert repr(Span(3, 7)) == "Span(start=3, end=7)"
    assert repr(Text("chào", "hello")) == "Text(vi='chào', en='hello')"


def test_a_record_is_frozen_slotted_and_equal_by_value():
    one = Sample("a", (1,))
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.name = "b"  # type: ignore[misc]
    assert not hasattr(one, "__dict__")
    assert one == Sample("a", (1,), {"ignored": 1}) and one != Sample("b", (1,))
    assert hash(Span(1, 2)) == hash(Span(1, 2)) and len({Span(1, 2), Span(1, 2)}) == 1
    assert dataclasses.replace(one, name="b") == Sample("b", (1,))
    assert pickle.loads(pickle.dumps(one)) == one


def test_records_share_one_repr_and_keep_their_generated_equality():
    assert Sample.__repr__ is Span.__repr__ is TextMatch.__repr__
    assert Sample.__eq__ is not Span.__eq__


def test_a_records_own_repr_wins():
    @record
    class Shown:
        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"

    assert repr(Shown("x")) == "<x>"
