"""Typed problems: text limits, media read with Pillow, and fitted copies."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from cmplanner.domain.enums import Network
from cmplanner.networks.base import MediaInfo, ProblemLevel
from cmplanner.networks.media_checks import read_media
from cmplanner.networks.media_fit import make_fitted_copy
from cmplanner.networks.registry import rules_for


def codes(network: Network, text: str, media: list[MediaInfo] | None = None) -> set[str]:
    return {p.code for p in rules_for(network).check(text, media or [])}


def image(tmp_path: Path, name: str, size: tuple[int, int], fmt: str = "JPEG") -> Path:
    path = tmp_path / name
    Image.new("RGB", size, (200, 40, 40)).save(path, fmt)
    return path


def info(path: Path, alt: str = "a red square") -> MediaInfo:
    got = read_media(path, alt)
    assert isinstance(got, MediaInfo)
    return got


def test_empty_post() -> None:
    problems = rules_for(Network.BLUESKY).check("  \n")
    assert [(p.level, p.code) for p in problems] == [(ProblemLevel.ERROR, "empty")]


def test_over_length_range_is_the_overflowing_part() -> None:
    text = "a" * 300 + "bcd"
    (p,) = rules_for(Network.BLUESKY).check(text)
    assert (p.code, p.start, p.end) == ("too_long", 300, 303)
    assert "longer than Bluesky allows (300 characters)" in p.message
    assert "split it into a thread" in p.message
    (instagram,) = [
        q for q in rules_for(Network.INSTAGRAM).check("a" * 2201) if q.code == "too_long"
    ]
    assert "(2,200 characters): cut the text past the limit." in instagram.message
    assert "thread" not in instagram.message  # Instagram has no threads to split into


def test_instagram_hashtags_and_mentions() -> None:
    tags = " ".join(f"#t{i}" for i in range(31))
    problems = rules_for(Network.INSTAGRAM).check(tags)
    (p,) = [p for p in problems if p.code == "too_many_hashtags"]
    assert tags[p.start : p.end] == "#t30"
    assert "31 hashtags" in p.message
    assert "too_many_hashtags" not in codes(Network.INSTAGRAM, tags.rsplit(" ", 1)[0])
    mentions = " ".join(f"@user{i}" for i in range(21))
    assert "too_many_mentions" in codes(Network.INSTAGRAM, mentions)
    assert "too_many_mentions" not in codes(Network.INSTAGRAM, mentions.rsplit(" ", 1)[0])


def test_instagram_needs_media() -> None:
    assert "media_required" in codes(Network.INSTAGRAM, "caption only")


def test_threads_allows_five_distinct_links() -> None:
    five = " ".join(f"https://site{i}.com" for i in range(5))
    assert "too_many_links" not in codes(Network.THREADS, five + " https://site0.com")
    assert "too_many_links" in codes(Network.THREADS, five + " https://site5.com")


def test_x_invisible_characters_are_errors() -> None:
    assert "invalid_character" in codes(Network.X, "abc\ufeff")


def test_too_many_images_and_alt_text(tmp_path: Path) -> None:
    pic = info(image(tmp_path, "a.jpg", (800, 600)))
    assert "too_many_images" in codes(Network.BLUESKY, "x", [pic] * 5)
    assert "too_many_images" not in codes(Network.BLUESKY, "x", [pic] * 4)
    bare = info(image(tmp_path, "b.jpg", (800, 600)), alt="")
    problems = rules_for(Network.MASTODON).check("x", [bare])
    assert [(p.level, p.code, p.media_index) for p in problems] == [
        (ProblemLevel.WARNING, "alt_text_missing", 0)
    ]
    long_alt = info(image(tmp_path, "c.jpg", (800, 600)), alt="d" * 1501)
    assert "alt_text_too_long" in codes(Network.MASTODON, "x", [long_alt])
    assert "alt_text_too_long" not in codes(Network.BLUESKY, "x", [long_alt])


def test_instagram_aspect_ratio_type_and_public_url(tmp_path: Path) -> None:
    tall = info(image(tmp_path, "tall.jpg", (400, 1000)))
    ok = info(image(tmp_path, "ok.jpg", (1080, 1350)))  # exactly 4:5
    png = info(image(tmp_path, "ok.png", (1080, 1080), "PNG"))
    assert "media_aspect_ratio" in codes(Network.INSTAGRAM, "x", [tall])
    assert codes(Network.INSTAGRAM, "x", [ok]) == {"media_needs_public_url"}
    assert "media_type" in codes(Network.INSTAGRAM, "x", [png])
    public = [p for p in rules_for(Network.THREADS).check("x", [ok])]
    assert [(p.level, p.code) for p in public] == [(ProblemLevel.WARNING, "media_needs_public_url")]


def test_size_and_pixel_limits(tmp_path: Path) -> None:
    pic = info(image(tmp_path, "p.jpg", (100, 100)))
    huge = MediaInfo(pic.path, "image/jpeg", 2_000_001, 7000, 5165, "alt")
    assert "media_too_large" in codes(Network.BLUESKY, "x", [huge])
    assert "media_too_many_pixels" in codes(Network.MASTODON, "x", [huge])  # 36.2 MP > 33.2
    assert "media_too_many_pixels" not in codes(Network.X, "x", [huge])


@pytest.mark.parametrize(
    ("name", "content"),
    [("text.jpg", b"not an image at all"), ("empty.png", b""), ("missing.jpg", None)],
)
def test_unreadable_files_are_problems(tmp_path: Path, name: str, content: bytes | None) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    problem = read_media(path, index=2)
    assert not isinstance(problem, MediaInfo)
    assert (problem.code, problem.level, problem.media_index) == ("media_unreadable", "error", 2)


def test_truncated_image_is_a_problem(tmp_path: Path) -> None:
    path = image(tmp_path, "whole.jpg", (600, 400))
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert not isinstance(read_media(cut), MediaInfo)


def test_fit_for_instagram_crops_resizes_and_keeps_original(tmp_path: Path) -> None:
    src = image(tmp_path, "wide.png", (4000, 1000), "PNG")
    before = src.read_bytes()
    media = info(src)
    rules = rules_for(Network.INSTAGRAM)
    fit = rules.suggest_fit(media)
    assert fit is not None and fit.mime == "image/jpeg"
    out = make_fitted_copy(src, fit)
    assert out != src and src.read_bytes() == before
    fitted = info(out)
    assert fitted.mime == "image/jpeg"
    assert 0.8 <= fitted.aspect <= 1.91 and fitted.width <= 1440
    assert {p.code for p in rules.check("x", [fitted])} == {"media_needs_public_url"}


def test_fit_under_byte_limit(tmp_path: Path) -> None:
    noisy = tmp_path / "noise.png"
    Image.effect_noise((1600, 1600), 120).convert("RGB").save(noisy, "PNG")
    media = info(noisy)
    assert media.bytes > 2_000_000
    fit = rules_for(Network.BLUESKY).suggest_fit(media)
    assert fit is not None
    out = make_fitted_copy(noisy, fit, tmp_path / "small.png")
    assert out.stat().st_size <= 2_000_000
    assert rules_for(Network.BLUESKY).suggest_fit(info(out)) is None


def test_no_fit_needed() -> None:
    media = MediaInfo(Path("x.jpg"), "image/jpeg", 1000, 1080, 1080, "alt")
    assert rules_for(Network.INSTAGRAM).suggest_fit(media) is None
