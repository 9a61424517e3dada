"""Approval packs: what a pack holds, and what importing the client's decisions does."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from cmplanner import cli
from cmplanner.domain.enums import Network, PostState
from cmplanner.domain.errors import InvalidInput, NotFound
from cmplanner.services.approvals import (
    Approval,
    ApprovalPack,
    Decision,
    Outcome,
    apply_decisions,
    approval_view,
    build_pack,
    mark_pending,
)
from cmplanner.services.approvals_decisions import parse_decisions, read_decisions
from cmplanner.services.approvals_html import pack_html, print_html
from cmplanner.services.workspace import Workspace
from tests.unit.services.approvals_support import PackPlan, make_plan

DECEMBER = (date(2026, 12, 1), date(2026, 12, 31))


@pytest.fixture
def plan(ws: Workspace, tmp_path: Path) -> PackPlan:
    return make_plan(ws, tmp_path)


def _decisions(pack: ApprovalPack, choices: dict[int, tuple[str, str]], **extra: Any) -> str:
    """The JSON the pack's Save button makes, for ``choices`` {post id: (decision, comment)}."""
    return json.dumps(
        {
            "format": "cmplanner-approval-decisions",
            "format_version": 1,
            "pack_id": pack.pack_id,
            "brand_id": pack.brand.id,
            "brand": pack.brand.name,
            "reviewer": "Ana Client",
            "saved_at": "2026-11-27T10:00:00.000Z",
            "decisions": [
                {
                    "post_id": p.id,
                    "version": p.version,
                    "digest": p.digest,
                    "decision": choices.get(p.id, ("", ""))[0],
                    "comment": choices.get(p.id, ("", ""))[1],
                    "decided_at": "2026-11-27T09:59:00.000Z",
                }
                for p in pack.posts
            ],
        }
        | extra
    )


def test_a_pack_holds_the_periods_unpublished_posts_in_the_brands_zone(
    ws: Workspace, plan: PackPlan
) -> None:
    pack = build_pack(ws, plan.brand_id, *DECEMBER)
    assert [p.id for p in pack.posts] == [plan.draft, plan.scheduled, plan.ready, plan.no_picture]
    draft = pack.posts[0]
    assert (draft.local_at, draft.timezone) == (datetime(2026, 12, 2, 9, 30), "Europe/Madrid")
    by_network = {t.network: t.preview for t in draft.targets}
    masto_text = "".join(s.text for part in by_network[Network.MASTODON].parts for s in part.spans)
    assert masto_text.startswith("Pan de centeno, recién hecho.")  # the account's own text
    sky_kinds = [s.kind for s in by_network[Network.BLUESKY].parts[0].spans]
    assert "tag" in sky_kinds and "link" in sky_kinds
    ready = next(p for p in pack.posts if p.id == plan.ready)
    assert len(ready.targets[0].preview.parts) > 1  # shown as the thread it will be


def test_the_page_is_self_contained_and_says_the_zone(ws: Workspace, plan: PackPlan) -> None:
    page = pack_html(build_pack(ws, plan.brand_id, *DECEMBER))
    assert "All dates and times are in <b>Europe/Madrid</b>" in page
    assert "Wednesday 2 December 2026" in page and "CET, UTC+01:00" in page
    # nothing is fetched: every src/href/url() is inline, and there is no <link>
    refs = re.findall(r"""(?:src|href)=["']([^"']+)|url\(([^)]+)\)""", page)
    assert all((a or b).startswith("data:") for a, b in refs), refs
    assert "<link" not in page
    # each picture embedded once, downscaled, though two networks show it
    assert page.count("data:image/jpeg;base64,") == 2
    assert len(page) < 200_000
    # Instagram shows its two pictures as a carousel; Bluesky as a two-image grid
    assert "1/2" in page and "ALT" in page


def test_the_printable_copy_has_no_script_and_names_its_pictures(
    ws: Workspace, plan: PackPlan
) -> None:
    markup, images = print_html(build_pack(ws, plan.brand_id, *DECEMBER))
    assert "<script" not in markup
    assert len(images) == 2 and all(f"cmp-img:{k}" in markup for k in images)
    assert "Europe/Madrid" in markup and "☐ Approve" in markup


def test_export_marks_the_posts_pending_and_keeps_earlier_approvals(
    ws: Workspace, plan: PackPlan
) -> None:
    pack = build_pack(ws, plan.brand_id, *DECEMBER)
    version = ws.posts.get(plan.draft).version
    assert mark_pending(ws, pack) == 4
    assert approval_view(ws, plan.draft).approval == Approval.PENDING
    assert ws.posts.get(plan.draft).version == version  # an annotation, not an edit
    apply_decisions(ws, parse_decisions(_decisions(pack, {plan.draft: ("approved", "")})))
    again = build_pack(ws, plan.brand_id, *DECEMBER)
    assert mark_pending(ws, again) == 3
    assert approval_view(ws, plan.draft).approval == Approval.APPROVED


def test_import_applies_approvals_change_requests_and_comments(
    ws: Workspace, plan: PackPlan
) -> None:
    pack = build_pack(ws, plan.brand_id, *DECEMBER)
    mark_pending(ws, pack)
    raw = _decisions(
        pack,
        {
            plan.draft: ("approved", "¡Perfecto!"),
            plan.scheduled: ("changes_requested", "Say Sunday 9:00, not 18:00"),
            plan.ready: ("", "Love the tips"),
            plan.no_picture: ("approved", ""),
        },
    )
    report = apply_decisions(ws, parse_decisions(raw))
    outcomes = {i.post_id: i.outcome for i in report.items}
    assert outcomes == {
        plan.draft: Outcome.MADE_READY,
        plan.scheduled: Outcome.CHANGES_REQUESTED,
        plan.ready: Outcome.COMMENTED,
        plan.no_picture: Outcome.APPROVED_NOT_READY,
    }
    assert not report.flagged
    assert ws.posts.get(plan.draft).state == PostState.READY
    assert ws.posts.get(plan.scheduled).state == PostState.SCHEDULED  # not pulled back
    assert ws.posts.get(plan.no_picture).state == PostState.DRAFT
    no_picture = next(i for i in report.items if i.post_id == plan.no_picture)
    assert "Instagram" in no_picture.detail
    scheduled = next(i for i in report.items if i.post_id == plan.scheduled)
    assert "still scheduled" in scheduled.detail

    view = approval_view(ws, plan.scheduled)
    assert view.approval == Approval.CHANGES_REQUESTED
    ((comment),) = view.comments
    assert (comment.author, comment.body, comment.decision) == (
        "Ana Client",
        "Say Sunday 9:00, not 18:00",
        Decision.CHANGES_REQUESTED,
    )
    assert comment.created_utc == datetime.fromisoformat("2026-11-27T09:59:00+00:00")
    assert approval_view(ws, plan.draft).approval == Approval.APPROVED
    assert approval_view(ws, plan.no_picture).approval == Approval.APPROVED
    assert approval_view(ws, plan.ready).approval == Approval.PENDING  # a comment only
    assert [c.body for c in approval_view(ws, plan.ready).comments] == ["Love the tips"]

    # the same file again adds nothing
    again = apply_decisions(ws, parse_decisions(raw))
    assert again.count(Outcome.ALREADY_IMPORTED) == 4
    assert len(approval_view(ws, plan.scheduled).comments) == 1


def test_a_post_changed_since_the_pack_is_flagged_not_approved(
    ws: Workspace, plan: PackPlan
) -> None:
    pack = build_pack(ws, plan.brand_id, *DECEMBER)
    mark_pending(ws, pack)
    ws.posts.update(plan.draft, text="Pan de centeno: ahora con semillas")
    ws.posts.update(plan.ready, notes="internal only: the client never sees notes")
    ws.posts.delete([plan.no_picture])
    raw = _decisions(
        pack,
        {
            plan.draft: ("approved", "ok"),
            plan.ready: ("approved", ""),
            plan.no_picture: ("approved", ""),
        },
    )
    report = apply_decisions(ws, parse_decisions(raw))
    outcomes = {i.post_id: i.outcome for i in report.items}
    assert outcomes[plan.draft] == Outcome.CHANGED_SINCE
    assert outcomes[plan.ready] == Outcome.APPROVED  # notes are not what the client saw
    assert outcomes[plan.no_picture] == Outcome.MISSING
    assert {i.post_id for i in report.flagged} == {plan.draft, plan.no_picture}
    draft = ws.posts.get(plan.draft)
    assert draft.state == PostState.DRAFT
    view = approval_view(ws, plan.draft)
    assert view.approval == Approval.PENDING
    ((comment),) = view.comments
    assert comment.decision == Decision.NONE
    assert comment.body.startswith("[approved version") and comment.body.endswith("ok")


def test_an_approved_post_edited_afterwards_asks_the_client_again(
    ws: Workspace, plan: PackPlan
) -> None:
    pack = build_pack(ws, plan.brand_id, *DECEMBER)
    mark_pending(ws, pack)
    approve_all = {p.id: ("approved", "") for p in pack.posts}
    apply_decisions(ws, parse_decisions(_decisions(pack, approve_all)))
    draft = ws.posts.get(plan.draft)

    # saving what the client saw (an autosave), a note, a tag or a move keep the approval
    ws.posts.update(plan.draft, text=draft.text, notes="call the baker", tags=["bread"])
    ws.posts.update(plan.draft, local_at=datetime(2026, 12, 3, 10, 0))
    assert approval_view(ws, plan.draft).approval == Approval.APPROVED

    # new words, a variant, or the accounts it goes to: the client approved something else
    ws.posts.update(plan.draft, text=draft.text + " Hoy, con semillas.")
    assert approval_view(ws, plan.draft).approval == Approval.EDITED
    [sky] = ws.posts.get(plan.ready).targets
    ws.posts.update(plan.ready, variants={sky.id: "Una versión corta para Bluesky"})
    assert approval_view(ws, plan.ready).approval == Approval.EDITED
    assert approval_view(ws, plan.scheduled).approval == Approval.APPROVED  # untouched

    # the next pack asks again for the edited ones only
    again = build_pack(ws, plan.brand_id, *DECEMBER)
    assert mark_pending(ws, again) == 2
    assert approval_view(ws, plan.draft).approval == Approval.PENDING


def test_bad_files_are_refused_with_what_to_do(
    ws: Workspace, plan: PackPlan, tmp_path: Path
) -> None:
    pack = build_pack(ws, plan.brand_id, *DECEMBER)
    page = tmp_path / "pack.html"
    page.write_text(pack_html(pack))
    with pytest.raises(InvalidInput, match="no decision was saved") as exc:
        read_decisions(page)
    assert "Save my decisions" in exc.value.hint
    with pytest.raises(NotFound):
        read_decisions(tmp_path / "nothing.json")
    with pytest.raises(InvalidInput, match="damaged"):
        parse_decisions('{"format": ', "x.json")
    with pytest.raises(InvalidInput, match="newer cmplanner"):
        parse_decisions(_decisions(pack, {}, format_version=9))
    with pytest.raises(InvalidInput, match="does not hold"):
        parse_decisions('{"hello": 1}')
    with pytest.raises(InvalidInput, match="decision 1 is 'maybe'"):
        parse_decisions(_decisions(pack, {plan.draft: ("maybe", "")}))
    with pytest.raises(InvalidInput, match="neither"):
        parse_decisions("plain words")
    with pytest.raises(InvalidInput, match="too long"):
        build_pack(ws, plan.brand_id, date(2026, 1, 1), date(2026, 12, 31))


def test_cli_export_and_import(
    ws: Workspace, plan: PackPlan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(ws.paths.home)
    out = tmp_path / "pack.html"
    argv = ["approvals", "export", "--brand", "Panadería Sol", "--home", home]
    assert cli.run([*argv, "--from", "2026-12-01", "--to", "2026-12-31", "-o", str(out)]) == 0
    assert "4 post(s) of Panadería Sol" in capsys.readouterr().out
    assert cli.run([*argv, "--from", "2026-12-01", "--to", "soon", "-o", str(out)]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    # the client's answer, put in the page as its script would
    pack_meta = json.loads(re.search(r'id="cmp-pack">(.*?)</script>', out.read_text()).group(1))
    decisions = {
        "format": "cmplanner-approval-decisions",
        "format_version": 1,
        "pack_id": pack_meta["pack_id"],
        "brand_id": pack_meta["brand_id"],
        "reviewer": "Ana",
        "decisions": [
            dict(post_id=p["id"], version=p["version"], digest=p["digest"], decision="approved")
            for p in pack_meta["posts"]
            if p["id"] == plan.draft
        ],
    }
    answered = tmp_path / "answered.html"
    answered.write_text(
        out.read_text().replace('id="cmp-decisions"></script>', 'id="cmp-decisions">'
        + json.dumps(decisions) + "</script>")
    )  # fmt: skip
    assert cli.run(["approvals", "import", str(answered), "--home", home]) == 0
    printed = capsys.readouterr().out
    assert "Decisions of Ana for Panadería Sol: 1 approved" in printed
    assert ws.posts.get(plan.draft).state == PostState.READY
    assert cli.run(["approvals", "import", str(out), "--home", home]) == 2
    assert "no decision was saved" in capsys.readouterr().err
