"""A quicker answer to the question PySide6 asks of every module imported after it.

Once PySide6 is loaded, its import hook (``shibokensupport.feature``, for
``from __feature__ import snake_case``) asks of each newly imported module whether it uses
PySide6, by reading the module's source through ``inspect.getsource`` and looking for the
word "PySide6". ``inspect`` finds the file, reads and decodes every line into
``linecache`` and joins them again: about 0.2 ms a module, and the window imports some 140
modules after PySide6 on the way to its first paint (~28 ms of the cold start). Reading the
file's bytes and looking for the same word answers the same (the sources are UTF-8) in a
tenth of the time. Modules without a ``.py`` file, or a file that cannot be read, get
PySide6's own answer.

The hook is PySide6's internals: where they are not as expected, nothing is changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

#: Where PySide6 keeps its import hook's helpers (the module is embedded in shiboken6).
FEATURE_MODULE = "shibokensupport.feature"


def uses_pyside_quickly(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """``original``'s answer, from the module file's bytes where it has a ``.py`` file."""

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.quick = True  # type: ignore[attr-defined]
    return uses_pyside


def quicken_pyside_feature_check() -> bool:
    """Put the quick check in PySide6's import hook; False where there is no hook to
    quicken (PySide6 not loaded, or its internals changed) or it is quick already."""
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original) or getattr(original, "quick", False):
        return False
    feature._mod_uses_pyside = uses_pyside_quickly(original)  # type: ignore[attr-defined]
    return True
