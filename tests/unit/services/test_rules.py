"""services.rules: one call gives count, problems, thread parts and facets."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from cmplanner.domain.enums import Network
from cmplanner.services.rules import check_post, report_to_json


def test_bluesky_report_json_shape() -> None:
    text = "Hi @alice.bsky.social #tag " + "word " * 60
    data = report_to_json(check_post(Network.BLUESKY, text))
    assert set(data) == {"network", "length", "limit", "ok", "problems", "parts", "facets"}
    assert (data["network"], data["length"], data["limit"], data["ok"]) == (
        "bluesky",
        len(text),
        300,
        False,
    )
    assert data["problems"] == [
        {
            "level": "error",
            "code": "too_long",
            "message": data["problems"][0]["message"],
            "start": 300,
            "end": len(text),
        }
    ]
    assert len(data["parts"]) == 2 and data["parts"][1].endswith(" 2/2")
    assert data["facets"] == [
        {"byteStart": 3, "byteEnd": 21, "type": "mention", "value": "alice.bsky.social"},
        {"byteStart": 22, "byteEnd": 26, "type": "tag", "value": "tag"},
    ]


def test_other_networks_have_no_facets_key_and_no_parts_when_fitting() -> None:
    data = report_to_json(check_post(Network.X, "hello"))
    assert data == {
        "network": "x",
        "length": 5,
        "limit": 280,
        "ok": True,
        "problems": [],
        "parts": [],
    }


def test_instance_limit_and_content_warning() -> None:
    report = check_post(Network.MASTODON, "a" * 600, instance_limit=1000, content_warning="cw")
    assert (report.length.length, report.limit, report.ok) == (602, 1000, True)


def test_media_paths_read_with_pillow(tmp_path: Path) -> None:
    good = tmp_path / "good.jpg"
    Image.new("RGB", (1080, 1080)).save(good, "JPEG")
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8 truncated")
    report = check_post(Network.INSTAGRAM, "caption", media_paths=[good, bad])
    found = {(p.code, p.media_index) for p in report.problems}
    assert ("media_unreadable", 1) in found
    assert ("alt_text_missing", 0) in found
    assert not report.ok
    assert check_post(Network.INSTAGRAM, "caption", media_paths=[good]).ok
