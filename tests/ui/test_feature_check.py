"""PySide6's import hook asks of every module imported after it whether it uses PySide6;
the window's start answers through a quicker reading of the same source, which must
answer as PySide6 does."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

from cmplanner.ui.feature_check import (
    FEATURE_MODULE,
    quicken_pyside_feature_check,
    uses_pyside_quickly,
)


def _pyside_own_check() -> object:
    feature = sys.modules.get(FEATURE_MODULE)
    if feature is None:
        pytest.skip(f"PySide6 has no {FEATURE_MODULE} module here: nothing to quicken")
    return feature


def test_the_hook_is_quickened_once_the_ui_package_is_loaded() -> None:
    feature = _pyside_own_check()
    assert getattr(feature._mod_uses_pyside, "quick", False)  # type: ignore[attr-defined]
    assert quicken_pyside_feature_check() is False  # once is enough


def test_the_quick_check_answers_as_pysides_own(tmp_path: Path) -> None:
    import inspect

    def own(module: ModuleType) -> bool:  # PySide6's check, as it reads the source
        try:
            return "PySide6" in inspect.getsource(module)
        except (TypeError, OSError):
            return False

    calls: list[str] = []

    def fallback(module: ModuleType) -> bool:
        calls.append(module.__name__)
        return own(module)

    quick = uses_pyside_quickly(fallback)
    names = [
        "cmplanner.ui.main_window",  # Qt widgets
        "cmplanner.ui.calendar.chip_view",
        "cmplanner.domain.models",  # no Qt below the UI
        "cmplanner.services.posts",
        "json",  # the standard library
        "sqlalchemy.orm",  # a package's __init__.py
    ]
    for name in names:
        module = importlib.import_module(name)
        assert quick(module) == own(module), name
    assert calls == []  # all read from their files
    assert quick(importlib.import_module("cmplanner.ui.main_window")) is True
    assert quick(importlib.import_module("cmplanner.domain.models")) is False
    # No source file: a built-in module, a compiled extension, a file gone since import.
    assert quick(sys) is False and calls == ["sys"]
    gone = ModuleType("gone_module")
    gone.__file__ = str(tmp_path / "gone_module.py")
    assert quick(gone) is False
    assert calls == ["sys", "gone_module"]
