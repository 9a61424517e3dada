"""Entry point: ``cmplanner`` (the window) or ``cmplanner COMMAND`` (the command line)."""

from __future__ import annotations

import gc
import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    # A start makes a few hundred thousand objects that live as long as the app (SQLAlchemy,
    # the table declarations, Qt's enums): the cyclic collector would walk them over and
    # over while they are made (~60 ms of a window's start). A command turns it back on at
    # once; the window after its first paint (app.resume_collection).
    gc.disable()
    from cmplanner.cli import opens_window, run

    if not opens_window(args):
        gc.enable()
    code = run(args)
    if code >= 0:
        return code
    from cmplanner.app import run_window

    return run_window(args)


if __name__ == "__main__":
    sys.exit(main())
