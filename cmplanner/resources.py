"""Find the ``resources/`` folder from a source checkout and inside a PyInstaller bundle.

A frozen one-folder build unpacks its data next to the code, under ``sys._MEIPASS``
(``dist/cmplanner/_internal``); ``build.spec`` puts the folder there as ``resources/``.
From source it is the ``resources/`` folder at the top of the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP_ICON = ("icons", "cmplanner.svg")


def resources_dir() -> Path:
    """The folder holding icons, translations and the desktop file."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a file under ``resources/`` (it may not exist; callers check)."""
    return resources_dir().joinpath(*parts)


def app_icon_path() -> Path:
    """The application icon (SVG)."""
    return resource_path(*APP_ICON)
