"""The ORM tables, imported on first use rather than when a service module is imported.

The services on the window's way to its first paint (brands, posts, planning, the
calendar's rows, media, drafts, the plan watch) name ORM classes only inside functions
that write or load objects, which none of them does before the first paint. They reach
the classes through ``tables`` here: for the type checker it is the
``cmplanner.storage.tables`` module itself; at run time an object that imports that
module on its first attribute read (the import system's per-module lock makes that safe
from any thread) and then keeps its names, so later reads are plain attribute reads.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = ["tables"]

_MODULE = "cmplanner.storage.tables"


class _LazyTables:
    """Stands for ``cmplanner.storage.tables`` until a name is first read from it."""

    def __getattr__(self, name: str) -> Any:
        module = importlib.import_module(_MODULE)
        self.__dict__.update(
            (key, value) for key, value in vars(module).items() if not key.startswith("__")
        )
        try:
            return self.__dict__[name]
        except KeyError:
            raise AttributeError(f"module {_MODULE!r} has no attribute {name!r}") from None

    def __repr__(self) -> str:
        return f"<lazy module {_MODULE!r}>"


if TYPE_CHECKING:
    from cmplanner.storage import tables as tables
else:
    tables = _LazyTables()
