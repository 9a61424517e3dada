"""``cmplanner slots`` and ``cmplanner queue`` end to end on a real SQLite file (the real
clock: dates are checked against the slots, not fixed)."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from tests.integration.test_cli import Cli


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)


def test_slots_queue_and_evergreen_fill(run: Cli) -> None:
    run.ok("brands", "add", "Panadería Sol", "--tz", "Europe/Madrid")
    run.ok("slots", "add", "--brand", "Panadería Sol", "--day", "mon", "--at", "09:30")
    run.ok("slots", "add", "--brand", "Panadería Sol", "--day", "Friday", "--at", "9:30")
    listed = run.json("slots", "list", "--brand", "Panadería Sol", "--json")
    assert [(s["day"], s["at"]) for s in listed] == [("mon", "09:30"), ("fri", "09:30")]

    pid = run.ok("posts", "add", "--brand", "Panadería Sol", "--text", "Bread", "--state", "ready")
    out = run.ok("queue", "add", pid.strip())
    when = datetime.strptime(out.split()[1] + " " + out.split()[2], "%Y-%m-%d %H:%M")
    assert when.weekday() in (0, 4) and when.strftime("%H:%M") == "09:30"
    assert run.json("posts", "show", pid.strip(), "--json")["state"] == "scheduled"

    draft = run.ok("posts", "add", "--brand", "Panadería Sol", "--text", "Half done").strip()
    run.ok("queue", "evergreen", draft)
    # a draft is not recycled: nothing to fill with yet
    assert run.ok("queue", "fill", "--brand", "Panadería Sol").endswith(
        "0 evergreen post(s) queued for Panadería Sol.\n"
    )
    ever = run.ok(
        "posts", "add", "--brand", "Panadería Sol", "--text", "Our story", "--state", "ready"
    ).strip()
    run.ok("queue", "evergreen", ever, "--min-days", "7")
    assert "weeks" in run.fails("queue", "fill", "--brand", "Panadería Sol", "--weeks", "0")
    out = run.ok("queue", "fill", "--brand", "Panadería Sol", "--weeks", "4")
    # about one a week (7 days apart at least) in four weeks of Monday/Friday slots
    assert out.splitlines()[-1] in (
        f"{n} evergreen post(s) queued for Panadería Sol." for n in (3, 4)
    )
    copies = [
        p
        for p in run.json("posts", "list", "--brand", "Panadería Sol", "--json")
        if p["text"] == "Our story" and p["scheduled_at"]
    ]
    days = sorted(datetime.fromisoformat(p["scheduled_at"]) for p in copies)
    assert all((b - a).days >= 7 for a, b in itertools.pairwise(days))


def test_queue_errors_say_what_to_do(run: Cli) -> None:
    run.ok("brands", "add", "Kiwi", "--tz", "Pacific/Auckland")
    pid = run.ok("posts", "add", "--brand", "Kiwi", "--text", "Draft").strip()
    assert "Mark it ready" in run.fails("queue", "add", pid)
    ready = run.ok("posts", "add", "--brand", "Kiwi", "--text", "Go", "--state", "ready").strip()
    assert "cmplanner slots add" in run.fails("queue", "add", ready)
    assert "day of the week" in run.fails(
        "slots", "add", "--brand", "Kiwi", "--day", "someday", "--at", "09:00"
    )
