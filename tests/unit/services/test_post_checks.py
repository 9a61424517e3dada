"""Posts are checked per target account: variants, the stored level, and the ready gate."""

from __future__ import annotations

from datetime import datetime

import pytest

from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.errors import InvalidInput
from cmplanner.services.library import render_template
from cmplanner.services.workspace import Workspace


@pytest.fixture
def brand_id(ws: Workspace) -> int:
    return ws.brands.create("Sol", "Europe/Madrid").id


def test_a_post_too_long_for_linkedin_cannot_be_ready_but_can_stay_a_draft(
    ws: Workspace, brand_id: int
) -> None:
    linkedin = ws.accounts.add_profile(brand_id, Network.LINKEDIN, "Sol Bakery")
    text = "pan " * 751  # 3,004 characters; LinkedIn has no threads to spill into
    with pytest.raises(InvalidInput) as err:
        ws.posts.create(brand_id, text, state=PostState.READY, account_ids=[linkedin.id])
    assert "LinkedIn (Sol Bakery)" in err.value.message
    assert ws.posts.find() == []  # nothing half-saved
    draft = ws.posts.create(brand_id, text, account_ids=[linkedin.id])
    assert draft.state == PostState.DRAFT
    with pytest.raises(InvalidInput):
        ws.posts.update(draft.id, state=PostState.READY)
    assert ws.posts.get(draft.id).state == PostState.DRAFT


def test_a_post_too_long_for_bluesky_is_ready_as_a_thread_with_a_warning(
    ws: Workspace, brand_id: int
) -> None:
    from cmplanner.services.post_checks import CheckLevel, check_targets

    bsky = ws.accounts.add_profile(brand_id, Network.BLUESKY, "sol.bsky.social")
    text = "Fresh bread today. " * 20  # 380 graphemes: two posts on Bluesky
    post = ws.posts.create(brand_id, text, state=PostState.READY, account_ids=[bsky.id])
    assert post.state == PostState.READY
    [check] = check_targets(text, [ws.accounts.get(bsky.id)])
    assert check.level == CheckLevel.WARNING
    assert "thread" in check.problems[0].message


def test_a_variant_fixes_one_account_only(ws: Workspace, brand_id: int) -> None:
    bsky = ws.accounts.add_profile(brand_id, Network.BLUESKY, "sol.bsky.social")
    masto = ws.accounts.add_profile(brand_id, Network.MASTODON, "@sol@example.social")
    text = "y" * 400  # fits Mastodon's 500, not Bluesky's 300
    post = ws.posts.create(brand_id, text, account_ids=[bsky.id, masto.id])
    ready = ws.posts.update(post.id, variants={bsky.id: "Short for Bluesky"}, state=PostState.READY)
    assert ready.state == PostState.READY
    assert [(v.account_id, v.text) for v in ready.variants] == [(bsky.id, "Short for Bluesky")]
    cleared = ws.posts.update(post.id, state=PostState.DRAFT, variants={bsky.id: None})
    assert cleared.variants == ()


def test_scheduling_through_the_command_path_is_gated_too(ws: Workspace, brand_id: int) -> None:
    insta = ws.accounts.add_profile(brand_id, Network.INSTAGRAM, "sol.ig")
    with pytest.raises(InvalidInput) as err:
        ws.posts.create(
            brand_id, "No picture", local_at=datetime(2026, 12, 3, 9, 0), account_ids=[insta.id]
        )
    assert "Instagram" in err.value.message


def test_template_variables_fill_and_report_missing() -> None:
    text, missing = render_template(
        "New at {brand}: {link} {hashtags}", {"brand": "Sol", "hashtags": "#pan"}
    )
    assert text == "New at Sol: {link} #pan"
    assert missing == ["link"]


def test_hashtag_groups_and_templates_per_brand(ws: Workspace, brand_id: int) -> None:

    lib = ws.library
    group = lib.save_hashtag_group(brand_id, "Bakery", "pan, #Pan sourdough #madrid")
    assert group.hashtags == ("#pan", "#sourdough", "#madrid")
    lib.save_template(brand_id, "Launch", "New at {brand}! {link}")
    assert [t.name for t in lib.templates(brand_id)] == ["Launch"]
    assert [g.as_text() for g in lib.hashtag_groups(brand_id)] == ["#pan #sourdough #madrid"]
    with pytest.raises(InvalidInput):
        lib.save_hashtag_group(brand_id, "Empty", "  ")


def test_search_treats_percent_and_underscore_literally(ws: Workspace, brand_id: int) -> None:
    from cmplanner.domain.models import PostFilter

    ws.posts.create(brand_id, "50% off today")
    ws.posts.create(brand_id, "500 loaves sold")
    found = ws.posts.backlog(PostFilter(search="50%"))
    assert [r.head for r in found] == ["50% off today"]
    assert ws.posts.backlog(PostFilter(search="a_b")) == []
