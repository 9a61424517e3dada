"""The approval pack in a real headless Chromium: the client fills it in, saves, and the
decisions come back into the plan.

The browser is driven over the DevTools protocol the way a person uses the page: clicks
at the radio buttons' places, typed text, a click on "Save my decisions", the downloads
written to a folder. Then ``cmplanner approvals import`` reads the downloaded JSON (and
the downloaded page), and the posts' states and comments are checked in the database.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cmplanner import cli
from cmplanner.domain.enums import PostState
from cmplanner.services.approvals import Approval, Decision, approval_view
from cmplanner.services.workspace import Workspace
from tests.support.chromium import chromium, chromium_path
from tests.unit.services.approvals_support import make_plan

pytestmark = pytest.mark.slow


def test_a_client_decides_in_chromium_and_the_decisions_come_back(
    ws: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chromium_path()  # skip, or fail under CI, before any work when there is no browser
    plan = make_plan(ws, tmp_path)
    home = str(ws.paths.home)
    pack = tmp_path / "pack.html"
    argv = ["approvals", "export", "--brand", "Panadería Sol", "--home", home]
    assert cli.run([*argv, "--from", "2026-12-01", "--to", "2026-12-31", "-o", str(pack)]) == 0
    capsys.readouterr()
    comment = "Please say «domingo 9:00» </script> and use the other photo"

    with chromium(tmp_path / "browser") as page:
        page.open_page(pack.as_uri())
        shown = page.eval(
            "[...document.querySelectorAll('section.post')].map(e=>+e.dataset.postId)"
        )
        assert shown == [plan.draft, plan.scheduled, plan.ready, plan.no_picture]
        assert page.eval("document.querySelector('.zone').textContent").startswith(
            "All dates and times are in Europe/Madrid"
        )
        # the pictures really decode in the browser (inline data, nothing fetched)
        assert (
            page.eval(
                "[...document.querySelectorAll('.tile')].filter(t => "
                "getComputedStyle(t).backgroundImage.startsWith('url(\"data:image/jpeg')).length"
            )
            == 3
        )  # Bluesky's two-image grid and Instagram's carousel cover

        page.type_into("#cmp-reviewer", "Ana Pérez")
        page.click(f"#post-{plan.draft} input[value=approved]")
        page.click(f"#post-{plan.scheduled} input[value=approved]")
        page.click(f"#post-{plan.scheduled} input[value=changes_requested]")  # changed mind
        page.type_into(f"#post-{plan.scheduled} textarea", comment)
        page.type_into(f"#post-{plan.ready} textarea", "Nice tips")
        assert page.eval("document.getElementById('cmp-done').textContent") == (
            "2 of 4 post(s) decided"
        )
        page.screenshot(tmp_path / "pack-filled.png")
        decisions_file = page.download("#cmp-save")
        saved_page = page.download("#cmp-html-link")

        # the page saved with the decisions opens with them filled in
        page.send("Page.navigate", {"url": saved_page.as_uri()})
        page.wait_event("Page.loadEventFired")
        assert page.eval(f"document.querySelector('#post-{plan.scheduled} textarea').value") == (
            comment
        )
        assert page.eval(
            f"document.querySelector('#post-{plan.draft} input[value=approved]').checked"
        )
        assert page.eval("document.getElementById('cmp-reviewer').value") == "Ana Pérez"

    saved = json.loads(decisions_file.read_text())
    assert saved["reviewer"] == "Ana Pérez" and len(saved["decisions"]) == 4
    assert decisions_file.stat().st_size < 4096  # small enough to mail back

    assert cli.run(["approvals", "import", str(decisions_file), "--home", home]) == 0
    out = capsys.readouterr().out
    assert "Decisions of Ana Pérez for Panadería Sol: 1 approved, 1 with changes requested" in out

    assert ws.posts.get(plan.draft).state == PostState.READY
    assert approval_view(ws, plan.draft).approval == Approval.APPROVED
    assert ws.posts.get(plan.scheduled).state == PostState.SCHEDULED
    view = approval_view(ws, plan.scheduled)
    assert view.approval == Approval.CHANGES_REQUESTED
    assert [(c.author, c.body, c.decision) for c in view.comments] == [
        ("Ana Pérez", comment, Decision.CHANGES_REQUESTED)
    ]
    assert [c.body for c in approval_view(ws, plan.ready).comments] == ["Nice tips"]
    assert approval_view(ws, plan.no_picture).approval == Approval.PENDING

    # the saved page carries the very same decisions: importing it adds nothing more
    assert cli.run(["approvals", "import", str(saved_page), "--home", home]) == 0
    assert "3 already imported" in capsys.readouterr().out
    assert len(approval_view(ws, plan.scheduled).comments) == 1
