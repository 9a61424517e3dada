"""Entry point: ``cmplanner`` (the window) or ``cmplanner COMMAND`` (the command line)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from cmplanner.cli import run

    code = run(args)
    if code >= 0:
        return code
    from cmplanner.app import run_window

    return run_window(args)


if __name__ == "__main__":
    sys.exit(main())
