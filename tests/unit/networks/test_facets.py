"""Bluesky facets: detection as @atproto/api RichText does it, UTF-8 byte offsets."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmplanner.networks.facets import detect_facets

REPO = Path(__file__).resolve().parents[3]


def found(text: str) -> list[tuple[str, str, str]]:
    """(type, value, the exact bytes the facet covers) for each facet."""
    raw = text.encode("utf-8")
    return [
        (f.type, f.value, raw[f.byte_start : f.byte_end].decode("utf-8"))
        for f in detect_facets(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("go to https://bsky.app.", [("link", "https://bsky.app", "https://bsky.app")]),
        ("(see https://a.com/x)", [("link", "https://a.com/x", "https://a.com/x")]),
        (
            "https://en.wikipedia.org/wiki/Pan_(god)",
            [
                (
                    "link",
                    "https://en.wikipedia.org/wiki/Pan_(god)",
                    "https://en.wikipedia.org/wiki/Pan_(god)",
                ),
            ],
        ),
        ("try example.com!", [("link", "https://example.com", "example.com")]),
        ("not a link: example.notatld", []),
        ("my-site.com has a hyphen", []),
        ("HTTP://X.COM scheme in capitals is left alone", []),
        ("hi @alice.bsky.social!", [("mention", "alice.bsky.social", "@alice.bsky.social")]),
        ("@alice has no dot", []),
        ("@bob.test works in tests", [("mention", "bob.test", "@bob.test")]),
        (
            "#tag, #123 #a1 #1a",
            [("tag", "tag", "#tag"), ("tag", "a1", "#a1"), ("tag", "1a", "#1a")],
        ),
        ("#ਪੰਜਾਬੀ ਗੱਲਾਂ", [("tag", "ਪੰਜਾਬੀ", "#ਪੰਜਾਬੀ")]),
        ("＃fullwidth", [("tag", "fullwidth", "＃fullwidth")]),
        ("a#notatag #end...", [("tag", "end", "#end")]),
        ("#" + "a" * 64, [("tag", "a" * 64, "#" + "a" * 64)]),
        ("#" + "a" * 65, []),
    ],
)
def test_detection(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def test_byte_offsets_after_multibyte_text() -> None:
    text = "ਸਤਿ 👨‍👩‍👧 @a.bsky.social"
    (facet,) = detect_facets(text)
    assert facet.byte_start == len("ਸਤਿ 👨‍👩‍👧 ".encode())
    assert facet.byte_end == len(text.encode())


PIECES = st.sampled_from(
    [
        " ",
        "\n",
        "(",
        ")",
        ".",
        "!",
        "#",
        "@",
        "ਸ੍ਰੀ",
        "ਪੰਜਾਬ",
        "👨‍👩‍👧",
        "👍🏽",
        "\u200d",
        "https://",
        "example.com",
        "bsky.social",
        "a",
        "1",
        "-",
        "／",
        "#tag",
        "@x.bsky.social",
    ]
)
TEXTS = st.text(max_size=80) | st.lists(PIECES, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_byte_ranges_slice_out_the_matched_text(text: str) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    for f in detect_facets(text):
        piece = raw[f.byte_start : f.byte_end].decode("utf-8", "surrogatepass")
        assert 0 <= f.byte_start < f.byte_end <= len(raw)
        if f.type == "link":
            assert f.value in (piece, f"https://{piece}")
        else:
            assert piece[0] in "@#＃" and piece[1:] == f.value


# -- the reference implementation, when it is installed -------------------------------

NODE_SCRIPT = """
const { RichText } = require('@atproto/api');
const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = texts.map((text) => {
  const rt = new RichText({ text });
  rt.detectFacetsWithoutResolution();
  return (rt.facets || []).map((f) => {
    const feat = f.features[0];
    const type = feat.$type.split('#')[1];
    const value = type === 'link' ? feat.uri : type === 'mention' ? feat.did : feat.tag;
    return [f.index.byteStart, f.index.byteEnd, type, value];
  });
});
process.stdout.write(JSON.stringify(out));
"""


def _node_modules() -> Path | None:
    candidates = [
        REPO / "tests" / "atproto" / "node_modules",
        REPO / "node_modules",
        REPO.parent / "node_modules",
    ]
    if env := os.environ.get("CMPLANNER_NODE_MODULES"):
        candidates.insert(0, Path(env))
    return next((c for c in candidates if (c / "@atproto" / "api").is_dir()), None)


def test_same_facets_as_atproto_api() -> None:
    modules = _node_modules()
    if shutil.which("node") is None or modules is None:
        pytest.skip("node or node_modules/@atproto/api absent (set CMPLANNER_NODE_MODULES)")
    texts = [
        "hi @alice.bsky.social see https://bsky.app/profile/x. (example.com) #tag!",
        "#ਪੰਜਾਬ ਸ੍ਰੀ 👨‍👩‍👧 #123 #a1 my-site.com foo.notatld @bob.test",
        "(https://en.wikipedia.org/wiki/Pan_(god)) #" + "a" * 64 + " #" + "b" * 65,
        *TEXTS_FOR_ORACLE,
    ]
    run = subprocess.run(
        ["node", "-e", NODE_SCRIPT],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        env={**os.environ, "NODE_PATH": str(modules)},
        timeout=60,
        check=True,
    )
    expected = json.loads(run.stdout)
    for text, ref in zip(texts, expected, strict=True):
        ours = sorted([f.byte_start, f.byte_end, f.type, f.value] for f in detect_facets(text))
        assert ours == sorted(ref), text


TEXTS_FOR_ORACLE = [
    "".join(p)
    for p in [
        ["@a.com", " ", "#x", "(", "https://", "example.com", ")"],
        ["👍🏽", "#tag", " ", "#👍🏽", " ", "bsky.social", "."],
    ]
]
