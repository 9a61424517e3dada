"""The command line over the same services, end to end on real SQLite files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from cmplanner import cli
from cmplanner.paths import Paths
from cmplanner.services.workspace import open_workspace


class Cli:
    """Runs ``cmplanner ...`` in this process and keeps what it printed."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self._capsys = capsys
        self.out = ""
        self.err = ""

    def __call__(self, *argv: str) -> int:
        self._capsys.readouterr()
        code = cli.run(list(argv))
        self.out, self.err = self._capsys.readouterr()
        return code

    def ok(self, *argv: str) -> str:
        code = self(*argv)
        assert code == 0, self.err
        assert self.err == ""
        return self.out

    def json(self, *argv: str) -> Any:
        return json.loads(self.ok(*argv))

    def fails(self, *argv: str) -> str:
        code = self(*argv)
        assert code != 0, self.out
        assert self.out == ""
        assert self.err.startswith("cmplanner: ")
        assert "Traceback" not in self.err
        return self.err


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], paths: Paths) -> Cli:
    return Cli(capsys)


@pytest.fixture
def sol(run: Cli) -> str:
    run.ok("brands", "add", "Panadería Sol", "--tz", "Europe/Madrid", "--color", "#D9822B")
    return "Panadería Sol"


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    path = tmp_path / "croissant.png"
    Image.new("RGB", (120, 80), "#d9822b").save(path)
    return path


def _count_posts(home: Path) -> int:
    ws = open_workspace(Paths(home=home, logs=home / "logs"))
    try:
        return len(ws.posts.find())
    finally:
        ws.close()


# ---- brands -----------------------------------------------------------------------------------


def test_brands_add_prints_the_id_and_list_json_has_the_promised_fields(run: Cli) -> None:
    assert run.ok("brands", "add", "Northwind Outdoor", "--tz", "America/New_York") == "1\n"
    assert run.ok("brands", "add", "Kiwi", "--tz", "Pacific/Auckland", "--color", "#6A4FC2") == (
        "2\n"
    )

    brands = run.json("brands", "list", "--json")

    assert [{k: b[k] for k in ("id", "name", "timezone", "color")} for b in brands] == [
        {"id": 2, "name": "Kiwi", "timezone": "Pacific/Auckland", "color": "#6a4fc2"},
        {
            "id": 1,
            "name": "Northwind Outdoor",
            "timezone": "America/New_York",
            "color": brands[1]["color"],
        },
    ]
    assert brands[1]["color"].startswith("#") and len(brands[1]["color"]) == 7


def test_brands_list_as_text(run: Cli, sol: str) -> None:
    out = run.ok("brands", "list")

    assert "Panadería Sol" in out and "Europe/Madrid" in out and "#d9822b" in out


def test_a_bad_zone_is_refused_and_nothing_saved(run: Cli) -> None:
    err = run.fails("brands", "add", "Acme", "--tz", "Europe/Madird")

    assert "Unknown time zone 'Europe/Madird'" in err
    assert "Europe/Madrid" in err  # the example of what to write
    assert run.json("brands", "list", "--json", "--all") == []


def test_a_bad_colour_is_refused(run: Cli) -> None:
    assert "is not a colour" in run.fails("brands", "add", "Acme", "--tz", "UTC", "--color", "red")


# ---- posts add --------------------------------------------------------------------------------


def test_posts_add_prints_the_new_id_alone_on_a_line(run: Cli, sol: str) -> None:
    out = run.ok("posts", "add", "--brand", sol, "--text", "Fresh bread")

    assert out == "1\n"
    post = run.json("posts", "show", "1", "--json")
    assert post["state"] == "draft"
    assert post["scheduled_at"] is None


def test_posts_show_json_has_the_promised_fields(run: Cli, sol: str) -> None:
    run.ok(
        "posts", "add", "--brand", sol, "--text", "Café ☕", "--at", "2026-12-03T09:30",
        "--tag", "#bread", "--tag", "events", "--tag", "Bread",
    )  # fmt: skip

    post = run.json("posts", "show", "1", "--json")

    assert {k: post[k] for k in ("id", "brand", "state", "text", "tags", "scheduled_at")} == {
        "id": 1,
        "brand": "Panadería Sol",
        "state": "scheduled",
        "text": "Café ☕",
        "tags": ["bread", "events"],
        "scheduled_at": "2026-12-03T09:30:00+01:00",
    }


def test_at_without_an_offset_is_the_brands_wall_time_and_with_one_is_converted(
    run: Cli, sol: str
) -> None:
    run.ok("posts", "add", "--brand", sol, "--text", "a", "--at", "2027-06-03T09:30")
    run.ok("posts", "add", "--brand", sol, "--text", "b", "--at", "2027-06-03T09:30-04:00")
    run.ok("posts", "add", "--brand", sol, "--text", "c", "--at", "2027-06-03")

    shown = [run.json("posts", "show", str(i), "--json")["scheduled_at"] for i in (1, 2, 3)]

    assert shown == [
        "2027-06-03T09:30:00+02:00",  # summer time in Madrid
        "2027-06-03T15:30:00+02:00",  # 09:30 in New York
        "2027-06-03T09:00:00+02:00",  # a bare date is 09:00
    ]


def test_media_with_alt_text(run: Cli, sol: str, picture: Path) -> None:
    run.ok(
        "posts", "add", "--brand", sol, "--text", "x",
        "--media", f"{picture}:A golden croissant: fresh",
        "--media", str(picture),
    )  # fmt: skip

    media = run.json("posts", "show", "1", "--json")["media"]

    assert [(m["alt_text"], m["width"], m["height"], m["mime"]) for m in media] == [
        ("A golden croissant: fresh", 120, 80, "image/png"),
        ("", 120, 80, "image/png"),
    ]
    assert Path(media[0]["path"]).is_file()


@pytest.mark.parametrize(
    ("args", "says", "code"),
    [
        (["--brand", "Nobody", "--text", "x"], "No brand called 'Nobody'", 1),
        (["--text", "x", "--at", "2027-03-28T02:30"], "does not exist in Europe/Madrid", 2),
        (["--text", "x", "--at", "2020-01-01T10:30"], "is in the past", 1),
        (["--text", "x", "--at", "next tuesday"], "is not a date and time", 2),
        (["--text", "x", "--media", "/nowhere/lost.png"], "does not exist", 1),
        (["--text", "x", "--media", "/nowhere/lost.png:alt"], "lost.png does not exist", 1),
    ],
    ids=["unknown-brand", "dst-gap", "past", "not-a-date", "missing-media", "missing-media-alt"],
)
def test_bad_input_to_posts_add_fails_clearly_and_saves_nothing(
    run: Cli, sol: str, paths: Paths, args: list[str], says: str, code: int
) -> None:
    if "--brand" not in args:
        args = ["--brand", sol, *args]

    err = run.fails("posts", "add", *args)

    assert says in err
    assert run.out == ""
    assert run("posts", "add", *args) == code
    assert _count_posts(paths.home) == 0
    assert not any(p.is_file() for p in paths.media.rglob("*"))


def test_a_media_file_that_is_not_an_image(run: Cli, sol: str, tmp_path: Path) -> None:
    fake = tmp_path / "fake.png"
    fake.write_text("not an image")

    assert "fake.png cannot be attached" in run.fails(
        "posts", "add", "--brand", sol, "--text", "x", "--media", str(fake)
    )


# ---- posts list, move, show -----------------------------------------------------------------


@pytest.fixture
def december(run: Cli, sol: str) -> None:
    run.ok("brands", "add", "Northwind", "--tz", "America/New_York")
    for brand, at in (
        (sol, "2026-11-30T18:00"),
        (sol, "2026-12-01T00:30"),
        ("Northwind", "2026-12-15T09:00"),
        (sol, "2026-12-31T23:00"),
        (sol, "2027-01-01T00:30"),
    ):
        run.ok("posts", "add", "--brand", brand, "--text", f"{brand} {at}", "--at", at)
    run.ok("posts", "add", "--brand", sol, "--text", "unscheduled")


def test_posts_list_json_filters_by_brand_and_range(run: Cli, sol: str, december: None) -> None:
    everything = run.json("posts", "list", "--json")
    madrid_dec = run.json(
        "posts", "list", "--brand", sol, "--from", "2026-12-01", "--to", "2026-12-31", "--json"
    )

    assert len(everything) == 6
    assert everything[-1]["scheduled_at"] is None  # unscheduled come last
    assert [p["text"] for p in madrid_dec] == [
        "Panadería Sol 2026-12-01T00:30",
        "Panadería Sol 2026-12-31T23:00",
    ]
    assert all(p["brand"] == sol for p in madrid_dec)


def test_posts_list_with_exact_bounds(run: Cli, sol: str, december: None) -> None:
    found = run.json(
        "posts", "list", "--brand", sol,
        "--from", "2026-12-01T00:30", "--to", "2026-12-31T23:00", "--json",
    )  # fmt: skip

    assert [p["text"] for p in found] == ["Panadería Sol 2026-12-01T00:30"]


def test_posts_list_as_text(run: Cli, december: None) -> None:
    out = run.ok("posts", "list", "--brand", "northwind")

    assert out.splitlines() == [
        "    3  2026-12-15 09:00  scheduled  Northwind: Northwind 2026-12-15T09:00"
    ]


def test_a_brand_with_an_accented_capital_is_found_by_its_name(run: Cli) -> None:
    run.ok("brands", "add", "Ñandú Viajes", "--tz", "America/Argentina/Buenos_Aires")

    assert run.ok("posts", "add", "--brand", "Ñandú Viajes", "--text", "¡Hola!") == "1\n"
    assert run.json("posts", "show", "1", "--json")["brand"] == "Ñandú Viajes"


def test_posts_list_for_an_unknown_brand(run: Cli, sol: str) -> None:
    assert "No brand called 'Acme'" in run.fails("posts", "list", "--brand", "Acme")


def test_posts_move_keeps_the_brand_zone_and_prints_the_post(run: Cli, sol: str) -> None:
    run.ok("posts", "add", "--brand", sol, "--text", "x", "--at", "2027-03-26T09:00")

    moved = run.json("posts", "move", "1", "--at", "2027-03-30T09:00")

    assert moved["id"] == 1
    assert moved["scheduled_at"] == "2027-03-30T09:00:00+02:00"
    assert run.json("posts", "show", "1", "--json")["scheduled_at"] == moved["scheduled_at"]


def test_posts_move_schedules_a_draft_from_the_backlog(run: Cli, sol: str) -> None:
    run.ok("posts", "add", "--brand", sol, "--text", "x", "--state", "ready")

    moved = run.json("posts", "move", "1", "--at", "2026-12-10T18:00+00:00")

    assert (moved["state"], moved["scheduled_at"]) == ("scheduled", "2026-12-10T19:00:00+01:00")


@pytest.mark.parametrize(
    ("at", "says"),
    [("2027-03-28T02:30", "does not exist in Europe/Madrid"), ("2026-01-01", "in the past")],
)
def test_posts_move_refusals_leave_the_post_where_it_was(
    run: Cli, sol: str, at: str, says: str
) -> None:
    run.ok("posts", "add", "--brand", sol, "--text", "x", "--at", "2027-03-21T02:30")

    assert says in run.fails("posts", "move", "1", "--at", at)
    assert run.json("posts", "show", "1", "--json")["scheduled_at"] == "2027-03-21T02:30:00+01:00"


def test_an_unknown_post(run: Cli, sol: str) -> None:
    assert "Post 42 does not exist" in run.fails("posts", "show", "42", "--json")
    assert "Post 42 does not exist" in run.fails("posts", "move", "42", "--at", "2027-01-01")


# ---- --home and --db on every subcommand ----------------------------------------------------


def test_home_works_before_and_after_the_subcommand(run: Cli, tmp_path: Path) -> None:
    home = str(tmp_path / "elsewhere")

    run.ok("--home", home, "brands", "add", "A", "--tz", "UTC")
    run.ok("brands", "add", "B", "--tz", "UTC", "--home", home)
    run.ok("posts", "add", "--brand", "A", "--text", "x", "--at", "2027-01-01", "--home", home)
    run.ok("posts", "move", "1", "--at", "2027-01-02", "--home", home)

    assert [b["name"] for b in run.json("brands", "list", "--json", "--home", home)] == ["A", "B"]
    assert len(run.json("posts", "list", "--json", "--home", home)) == 1
    assert run.json("posts", "show", "1", "--json", "--home", home)["text"] == "x"
    assert (tmp_path / "elsewhere" / "cmplanner.db").is_file()
    # The default home (CMPLANNER_HOME) was not touched.
    assert run.json("brands", "list", "--json") == []


def test_db_works_on_every_subcommand(run: Cli, tmp_path: Path) -> None:
    db = tmp_path / "client.db"
    url = f"sqlite:///{db}"

    run.ok("--db", url, "brands", "add", "A", "--tz", "Pacific/Auckland")
    run.ok("posts", "add", "--brand", "A", "--text", "x", "--at", "2027-01-01", "--db", url)
    run.ok("posts", "move", "1", "--at", "2027-01-02", "--db", url)

    assert [b["name"] for b in run.json("brands", "list", "--json", "--db", url)] == ["A"]
    assert len(run.json("posts", "list", "--json", "--db", url)) == 1
    assert run.json("posts", "show", "1", "--json", "--db", url)["scheduled_at"] == (
        "2027-01-02T09:00:00+13:00"
    )
    assert db.is_file()
    assert run.json("brands", "list", "--json") == []  # the home database is another one


def test_demo_on_the_command_line(run: Cli, tmp_path: Path) -> None:
    home = str(tmp_path / "demo")

    out = run.ok("demo", "--home", home)

    assert "Sample workspace ready: 3 brands" in out
    assert len(run.json("brands", "list", "--json", "--home", home)) == 3
    assert "already has brands" in run.fails("demo", "--home", home)


# ---- the real entry point, in a subprocess --------------------------------------------------


def _cmplanner(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CMPLANNER_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "cmplanner", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_end_to_end_in_a_real_process(run: Cli, paths: Paths, picture: Path) -> None:
    run.ok("brands", "add", "Sol", "--tz", "Europe/Madrid")  # the same home, in this process

    added = _cmplanner(
        paths.home, "posts", "add", "--brand", "Sol", "--text", "Hola", "--tag", "events",
        "--at", "2026-12-24T10:00", "--media", f"{picture}:Churros",
    )  # fmt: skip
    shown = _cmplanner(paths.home, "posts", "show", added.stdout.strip(), "--json")

    assert added.returncode == 0, added.stderr
    assert added.stdout == "1\n"
    assert shown.returncode == 0, shown.stderr
    post = json.loads(shown.stdout)
    assert post["brand"] == "Sol"
    assert post["scheduled_at"] == "2026-12-24T10:00:00+01:00"
    assert post["tags"] == ["events"]
    assert post["media"][0]["alt_text"] == "Churros"


@pytest.mark.slow
def test_errors_go_to_stderr_with_a_non_zero_exit_in_a_real_process(paths: Paths) -> None:
    bad_zone = _cmplanner(paths.home, "brands", "add", "Acme", "--tz", "Mars/Base")

    assert bad_zone.returncode == 2
    assert bad_zone.stdout == ""
    assert bad_zone.stderr.startswith("cmplanner: Unknown time zone 'Mars/Base'.")
    assert "Traceback" not in bad_zone.stderr
