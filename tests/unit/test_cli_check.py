"""The ``check`` subcommand, through its own parser (cli.py wires it in)."""

from __future__ import annotations

import argparse
import io
import json

import pytest

from cmplanner.cli_check import add_check_parser


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="cmplanner")
    add_check_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_ok_post_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--network", "x", "Hi http://test.co"], capsys)
    assert code == 0
    assert json.loads(out) == {
        "network": "x",
        "length": 26,
        "limit": 280,
        "ok": True,
        "problems": [],
        "parts": [],
    }


def test_too_long_exits_1_with_parts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--network", "threads", "😀 " * 200], capsys)
    data = json.loads(out)
    assert code == 1
    assert data["length"] == 5 * 200  # an emoji counts its 4 UTF-8 bytes, a space 1
    assert [p["code"] for p in data["problems"]] == ["too_long"]
    assert len(data["parts"]) == 3


def test_stdin_and_instance_limit(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("a" * 600))
    code, out, _ = run(["check", "--network", "mastodon", "--instance-limit", "1000", "-"], capsys)
    assert code == 0
    assert json.loads(out)["limit"] == 1000


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--network", "myspace", "hi"],
        ["check", "--network", "x", "--instance-limit", "900", "hi"],
        ["check", "--network", "mastodon", "--instance-limit", "0", "hi"],
    ],
)
def test_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2 and out == "" and err.startswith("cmplanner check:")


def test_broken_character_still_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "--network", "bluesky", "a\ud800b"], capsys)
    assert code == 1
    assert "broken_character" in out
