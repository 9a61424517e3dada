"""Previews as data: highlighted spans, folds, shortened links, image layouts, threads."""

from __future__ import annotations

from pathlib import Path

from cmplanner.domain.enums import Network
from cmplanner.networks.base import MediaInfo
from cmplanner.networks.preview import FOLD_AT, render_preview, tiles_for
from cmplanner.networks.registry import rules_for


def _img(alt: str = "") -> MediaInfo:
    return MediaInfo(Path("x.png"), "image/png", 1000, 1200, 1000, alt_text=alt)


def _preview(network: Network, text: str, **kw: object):  # type: ignore[no-untyped-def]
    return render_preview(rules_for(network), text, display_name="Sol", handle="@sol", **kw)  # type: ignore[arg-type]


def test_spans_rebuild_the_text_and_mark_entities() -> None:
    text = "Bread at #sol with @ana.bsky.social"
    p = _preview(Network.BLUESKY, text)
    spans = p.parts[0].spans
    assert "".join(s.text for s in spans) == text
    kinds = {s.kind for s in spans}
    assert {"tag", "mention", "text"} <= kinds


def test_links_are_shortened_for_display_but_keep_their_target() -> None:
    url = "https://example.com/a/very/long/path/that/goes/on/and/on"
    p = _preview(Network.MASTODON, f"Read {url}")
    link = next(s for s in p.parts[0].spans if s.kind == "link")
    assert link.target == url
    assert link.text.endswith("…") and len(link.text) <= 30
    assert not link.text.startswith("https://")


def test_long_text_folds_where_the_network_folds() -> None:
    text = "word " * 100
    li = _preview(Network.LINKEDIN, text)
    assert li.parts[0].folded and li.parts[0].fold_label == "…see more"
    shown = "".join(s.text for s in li.parts[0].spans)
    fold = FOLD_AT[Network.LINKEDIN]
    assert fold is not None and len(shown) <= fold
    assert not _preview(Network.MASTODON, text).parts[0].folded


def test_over_length_text_is_stacked_as_a_thread_on_thread_networks() -> None:
    text = ("A sentence that goes on. " * 30).strip()
    bsky = _preview(Network.BLUESKY, text)
    assert len(bsky.parts) >= 3
    assert all(
        rules_for(Network.BLUESKY).count("".join(s.text for s in part.spans)).fits
        for part in bsky.parts
    )
    assert len(_preview(Network.LINKEDIN, text).parts) == 1  # no threads there


def test_content_warning_only_on_mastodon() -> None:
    assert _preview(Network.MASTODON, "x", content_warning="spoilers").content_warning == "spoilers"
    assert _preview(Network.BLUESKY, "x", content_warning="spoilers").content_warning == ""


def test_image_layouts() -> None:
    three_x = tiles_for(Network.X, [_img()] * 3, 4)
    assert three_x[0].h == 1 and three_x[1].h < 0.5  # tall left, two stacked right
    three_li = tiles_for(Network.LINKEDIN, [_img()] * 3, 20)
    assert three_li[0].w == 1  # one wide on top, two below
    five = tiles_for(Network.MASTODON, [_img()] * 5, 4)
    assert len(five) == 4 and five[-1].more == 1
    ig = tiles_for(Network.INSTAGRAM, [_img("a"), _img()], 10)
    assert len(ig) == 1 and ig[0].more == 1 and ig[0].alt
    assert [t.alt for t in tiles_for(Network.BLUESKY, [_img("a"), _img()], 4)] == [True, False]


def test_any_unicode_previews_without_error() -> None:
    for text in (
        "ਪੰਜਾਬੀ ਵਿੱਚ ਸੁਆਗਤ 👨‍👩‍👧",
        "مرحبا بالعالم #تجربة",
        "\ud800 lone",
        "\u200f\u200e" * 50,
    ):
        for net in Network:
            p = _preview(net, text)
            assert p.parts
