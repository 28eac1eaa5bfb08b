"""Records: the frozen, slotted dataclasses chithi's data is made of.

`@record` is `@dataclass(frozen=True, slots=True)` with one difference: all records share one
`__repr__`, which reads as dataclasses' own does, instead of each compiling its own. Python
compiles every method a dataclass generates from source when its module is imported, some
0.1 ms each; a one-file `chithi check` imports sixty records, so a shared repr saves ~6 ms of
every start (docs/performance.md). Equality, hashing and immutability stay generated: they are
used, and the generated ones are the fastest.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:  # a marker for type checkers only; typing has it from Python 3.11

    def dataclass_transform(**_: Any) -> Any:
        return lambda decorated: decorated


T = TypeVar("T")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    made = dataclass(frozen=True, slots=True, repr=False)(cls)
    if "__repr__" not in cls.__dict__:  # a class's own repr wins, as with dataclass
        made.__repr__ = _repr  # type: ignore[method-assign]
    return made


def _repr(self: Any) -> str:
    shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
    return f"{type(self).__qualname__}({shown})"
