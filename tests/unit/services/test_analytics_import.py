"""CSV analytics exports shaped like the real ones, imported into a real SQLite workspace."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cmplanner import cli
from cmplanner.domain.enums import Network, PostState
from cmplanner.services.analytics_formats import ExportFormat
from cmplanner.services.analytics_import import AnalyticsImporter, ImportRefused
from cmplanner.services.metrics import ChartScope
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import ExternalPostRow, MetricSnapshotRow, PostTargetRow

IG_HEADER = (
    "Post ID,Account ID,Account username,Account name,Description,Duration (sec),"
    "Publish time,Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,"
    "Comments,Saves"
)
FB_HEADER = (
    "Post ID;Page ID;Page name;Title;Description;Duration (sec);Publish time;Permalink;"
    "Post type;Date;Views;Reach;Reactions;Comments;Shares;Total clicks"
)
LINKEDIN = (
    "All posts,,,,,,,,,,,\n"
    "Post title,Post link,Post type,Campaign name,Posted by,Created date,Audience,"
    "Impressions,Clicks,Likes,Comments,Reposts\n"
    '"Our new trail guide, out now",https://www.linkedin.com/feed/update/'
    "urn:li:share:7100000000000000001/,Organic,,Ana,11/04/2026,All followers,"
    "1200,40,31,4,2\n"
)
X_HEADER = (
    "Tweet id,Tweet permalink,Tweet text,time,impressions,engagements,engagement rate,"
    "retweets,replies,likes,user profile clicks,url clicks"
)


@pytest.fixture
def setup(ws: Workspace) -> dict[str, int]:
    """A brand with Instagram, Facebook, LinkedIn and X accounts, one published post on each."""
    b = ws.brands.create("Northwind", "America/New_York")
    ids: dict[str, int] = {"brand": b.id}
    for net, handle in (
        (Network.INSTAGRAM, "northwind"),
        (Network.FACEBOOK, "NorthwindOutdoor"),
        (Network.LINKEDIN, "northwind-outdoor"),
        (Network.X, "@northwind"),
    ):
        acc = ws.accounts.add_profile(b.id, net, handle)
        post = ws.posts.create(
            b.id,
            f"On {net.value}",
            local_at=datetime(2026, 11, 4, 9, 0),
            state=PostState.PUBLISHED,
            account_ids=[acc.id],
            allow_past=True,
        )
        ((target, _a, _n),) = ws.metrics.published_targets(post.id)
        ids[net.value] = target
    remote = {
        Network.INSTAGRAM: ("17990001", "https://www.instagram.com/p/ABC/"),
        Network.FACEBOOK: ("987654321", "https://www.facebook.com/NorthwindOutdoor/posts/987"),
        Network.LINKEDIN: ("urn:li:share:7100000000000000001", ""),
        Network.X: ("", "https://twitter.com/northwind/status/1850000000000000001"),
    }
    with ws.sessions.begin() as s:  # what the publisher records once a post is out
        for net, (rid, url) in remote.items():
            row = s.get(PostTargetRow, ids[net.value])
            assert row is not None
            row.remote_id, row.remote_url = rid, url
    return ids


def _importer(ws: Workspace) -> AnalyticsImporter:
    return AnalyticsImporter(ws.sessions, ws.metrics, ws.clock)


def _write(tmp_path: Path, name: str, text: str, *, bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def _stored(ws: Workspace) -> tuple[int, int]:
    with ws.sessions() as s:
        snaps = s.scalar(select(func.count(MetricSnapshotRow.id))) or 0
        external = s.scalar(select(func.count(ExternalPostRow.id))) or 0
    return snaps, external


def _latest_counts(ws: Workspace, brand_id: int) -> dict[str, int]:
    data = ws.metrics.chart_data(
        ChartScope(
            brand_ids=frozenset({brand_id}),
            start_utc=datetime(2026, 10, 1, tzinfo=UTC),
            end_utc=datetime(2026, 11, 27, tzinfo=UTC),
        )
    )
    return {p.external_ref or p.network.value: p.engagement for p in data.posts}


def test_instagram_export_with_bom_matches_by_id_and_url_and_keeps_the_rest(
    ws: Workspace, setup: dict[str, int], tmp_path: Path
) -> None:
    rows = [
        IG_HEADER,
        # matched by Post ID; a caption over two lines; thousands separator
        '17990001,1784,northwind,Northwind,"Trail day!\nSee you there",0,11/04/2026 09:00,'
        'https://www.instagram.com/p/ABC/,IG image,,Lifetime,"12,400",9100,610,88,41,57,230',
        # not planned here: kept as an external post
        "17990002,1784,northwind,Northwind,Gear tips,44,11/10/2026 18:30,"
        "https://www.instagram.com/reel/XYZ/,IG reel,,Lifetime,5000,3000,120,10,2,8,-",
    ]
    path = _write(tmp_path, "ig.csv", "\r\n".join(rows) + "\r\n", bom=True)
    result = _importer(ws).import_file(path)
    assert result.format == ExportFormat.META_INSTAGRAM
    assert (result.rows, result.matched, result.external_added) == (2, 1, 1)
    assert result.brand_name == "Northwind"  # taken from the matched post
    counts = _latest_counts(ws, setup["brand"])
    assert counts["instagram"] == 610 + 88 + 57 + 230
    assert counts["instagram:17990002"] == 120 + 10 + 8
    with ws.sessions() as s:
        ext = s.scalars(select(ExternalPostRow)).one()
        # 18:30 in New York (EST) is 23:30 UTC
        assert ext.published_utc == datetime(2026, 11, 10, 23, 30)
        assert ext.text == "Gear tips" and ext.source == "meta-instagram"

    again = _importer(ws).import_file(path)  # a second import updates, never duplicates
    assert (again.external_added, again.external_updated) == (0, 1)
    assert _stored(ws) == (4, 1)


def test_facebook_export_with_semicolons_matches_page_post_ids(
    ws: Workspace, setup: dict[str, int], tmp_path: Path
) -> None:
    text = (
        FB_HEADER + "\n"
        "123456_987654321;123456;Northwind Outdoor;Trail day;;;11/04/2026 09:00;"
        "https://www.facebook.com/NorthwindOutdoor/posts/987;Photo;Lifetime;"
        "2 000;1500;45;6;3;12\n"
    )
    result = _importer(ws).import_file(_write(tmp_path, "fb.csv", text))
    assert (result.format, result.matched) == (ExportFormat.META_FACEBOOK, 1)
    assert _latest_counts(ws, setup["brand"])["facebook"] == 45 + 6 + 3


def test_linkedin_export_with_a_title_line_matches_by_the_urn_in_the_link(
    ws: Workspace, setup: dict[str, int], tmp_path: Path
) -> None:
    result = _importer(ws).import_file(_write(tmp_path, "li.csv", LINKEDIN))
    assert (result.format, result.matched) == (ExportFormat.LINKEDIN, 1)
    assert _latest_counts(ws, setup["brand"])["linkedin"] == 31 + 4 + 2


def test_x_export_matches_by_status_url_and_names_the_brand_for_the_rest(
    ws: Workspace, setup: dict[str, int], tmp_path: Path
) -> None:
    other = ws.brands.create("Kiwi", "Pacific/Auckland")
    text = (
        X_HEADER + "\n"
        '1850000000000000001,https://x.com/northwind/status/1850000000000000001,"Hi, all",'
        "2026-11-04 14:00 +0000,900,40,0.04,5,3,20,4,8\n"
    )
    result = _importer(ws).import_file(_write(tmp_path, "x.csv", text))
    assert (result.format, result.matched, result.external_added) == (ExportFormat.X, 1, 0)
    assert _latest_counts(ws, setup["brand"])["x"] == 5 + 3 + 20

    lone = (
        X_HEADER
        + "\n42,https://x.com/kiwi/status/42,Kia ora,2026-11-05 20:00 +0000,1,1,1,1,1,1,0,0\n"
    )
    path = _write(tmp_path, "x2.csv", lone)
    with pytest.raises(ImportRefused) as err:
        _importer(ws).import_file(path)  # matches nothing: which brand?
    assert "--brand" in err.value.hint
    result = _importer(ws).import_file(path, brand_name="kiwi")
    assert (result.external_added, result.brand_name) == (1, "Kiwi")
    assert _latest_counts(ws, other.id) == {"x:42": 3}


def test_bad_rows_are_named_by_line_and_nothing_is_stored(
    ws: Workspace, setup: dict[str, int], tmp_path: Path
) -> None:
    good = (
        "17990001,1784,northwind,Northwind,Ok,0,11/04/2026 09:00,"
        "https://www.instagram.com/p/ABC/,IG image,,Lifetime,10,10,1,1,1,1,1"
    )
    text = "\n".join(
        [
            IG_HEADER,
            good,  # line 2
            good.replace(",1,1,1,1,1", ",-3,1,1,1,1"),  # line 3: negative likes
            '17990005,1784,northwind,Northwind,"two\nlines",0,11/04/2026 09:00,'
            "https://www.instagram.com/p/Q/,IG image,,Lifetime,10,10,1,1,1,1,1",  # lines 4-5
            good.replace("11/04/2026 09:00", "next tuesday"),  # line 6: bad time
            good.replace("17990001", "1.79900E+07"),  # line 7: a spreadsheet's rounding
            "17990009,1784,northwind,Northwind,cut",  # line 8: truncated
        ]
    )
    before = _stored(ws)
    with pytest.raises(ImportRefused) as err:
        _importer(ws).import_file(_write(tmp_path, "bad.csv", text))
    assert "nothing was imported" in err.value.message
    lines = [p.split(":")[0] for p in err.value.problems]
    assert lines == ["line 3", "line 6", "line 7", "line 8"]
    assert "negative" in err.value.problems[0]
    assert "spreadsheet" in err.value.problems[2]
    assert _stored(ws) == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date,Sessions,Bounce rate\n2026-11-01,300,40%\n", "not an analytics export"),
        (
            "Identificador de la publicación,Identificador de la cuenta,Hora de publicación\n"
            "1,2,11/04/2026 09:00\n",
            "Spanish",
        ),
        (IG_HEADER + '\n1,2,n,N,"unclosed caption,0', "damaged at line 2"),
        ("", "empty"),
        (IG_HEADER + "\n", "no posts"),
    ],
)
def test_files_that_are_not_exports_are_explained(
    ws: Workspace, setup: dict[str, int], tmp_path: Path, text: str, expected: str
) -> None:
    with pytest.raises(ImportRefused) as err:
        _importer(ws).import_file(_write(tmp_path, "other.csv", text))
    assert expected in err.value.message
    assert err.value.hint


def test_a_forced_format_that_does_not_fit_is_refused(
    ws: Workspace, setup: dict[str, int], tmp_path: Path
) -> None:
    with pytest.raises(ImportRefused) as err:
        _importer(ws).import_file(_write(tmp_path, "li.csv", LINKEDIN), format=ExportFormat.X)
    assert "--format linkedin" in err.value.hint


def test_cli_import_and_its_errors(
    ws: Workspace, setup: dict[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(ws.paths.home)
    ws.close()
    path = _write(tmp_path, "li.csv", LINKEDIN)
    assert cli.run(["import-analytics", str(path), "--home", home]) == 0
    out = capsys.readouterr().out
    assert "LinkedIn page analytics, 1 post(s): 1 matched" in out

    bad = _write(tmp_path, "bad.csv", LINKEDIN.replace(",1200,", ",-1200,"))
    assert cli.run(["import-analytics", str(bad), "--home", home]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cmplanner: 1 row(s) of bad.csv cannot be imported")
    assert "line 3:" in err
