"""The Bluesky client against a real PDS on loopback (``tests/atproto``, dev-env 0.3.215)."""

from __future__ import annotations

pytest_plugins = ["tests.support.atproto"]

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from cmplanner.networks.bluesky_client import (  # noqa: E402
    BlueskyClient,
    BlueskySession,
    PostRef,
    new_tid,
    parse_at_uri,
)
from cmplanner.networks.errors import AlreadyExists, AuthFailed, Rejected  # noqa: E402
from cmplanner.networks.facets import detect_facets  # noqa: E402

if TYPE_CHECKING:  # imported by pytest as a plugin (so that its asserts are rewritten)
    from tests.support.atproto import AtprotoServer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def alice_session(atproto_server: AtprotoServer) -> BlueskySession:
    """One login for the module (createSession is rate limited on real servers)."""
    client = BlueskyClient(atproto_server.pds_url)
    return client.login(atproto_server.alice.handle, atproto_server.alice.app_password)


@pytest.fixture
def alice(atproto_server: AtprotoServer, alice_session: BlueskySession) -> Iterator[BlueskyClient]:
    client = BlueskyClient(atproto_server.pds_url, alice_session)
    yield client
    client.http.close()


def _jpeg(path: Path, size: tuple[int, int] = (64, 48)) -> Path:
    Image.new("RGB", size, (200, 80, 40)).save(path, "JPEG", quality=80)
    return path


def test_login_with_an_app_password(atproto_server: AtprotoServer) -> None:
    seen: list[BlueskySession] = []
    client = BlueskyClient(atproto_server.pds_url, on_session_change=seen.append)

    session = client.login(atproto_server.alice.handle, atproto_server.alice.app_password)

    assert session.did == atproto_server.alice.did
    assert session.handle == atproto_server.alice.handle
    assert session.access_jwt and session.refresh_jwt
    assert seen == [session]
    assert session.access_jwt not in repr(session)


def test_wrong_password_is_auth_failed(atproto_server: AtprotoServer) -> None:
    client = BlueskyClient(atproto_server.pds_url)
    with pytest.raises(AuthFailed) as info:
        client.login(atproto_server.alice.handle, "wrong-wrong-wrong-wrong")
    assert info.value.status == 401
    assert info.value.code == "AuthenticationRequired"
    assert client.session is None


def test_post_with_link_tag_mention_and_image_reads_back(
    alice: BlueskyClient, atproto_server: AtprotoServer, tmp_path: Path
) -> None:
    text = "Café news from @bob.test: https://example.com/launch (details) #LaunchDay"
    blob = alice.upload_blob(_jpeg(tmp_path / "photo.jpg"), "image/jpeg")
    assert blob.mime == "image/jpeg" and blob.size > 0

    ref = alice.create_post(
        text, rkey=new_tid(), images=[(blob, "An orange square", (64, 48))], langs=["en"]
    )

    post = alice.get_post(ref.uri)
    assert post.cid == ref.cid
    assert post.text == text
    assert post.value["langs"] == ["en"]
    facets = {f["features"][0]["$type"].split("#")[1]: f for f in post.value["facets"]}
    raw = text.encode()
    link = facets["link"]
    assert link["features"][0]["uri"] == "https://example.com/launch"
    assert (
        raw[link["index"]["byteStart"] : link["index"]["byteEnd"]] == b"https://example.com/launch"
    )
    tag = facets["tag"]
    assert tag["features"][0]["tag"] == "LaunchDay"
    assert raw[tag["index"]["byteStart"] : tag["index"]["byteEnd"]] == b"#LaunchDay"
    mention = facets["mention"]
    assert mention["features"][0]["did"] == atproto_server.bob.did
    assert raw[mention["index"]["byteStart"] : mention["index"]["byteEnd"]] == b"@bob.test"
    # The byte ranges are those detect_facets gave ("é" is two bytes, so they are bytes).
    assert sorted((f["index"]["byteStart"], f["index"]["byteEnd"]) for f in facets.values()) == (
        sorted((f.byte_start, f.byte_end) for f in detect_facets(text))
    )
    embed = post.value["embed"]
    assert embed["$type"] == "app.bsky.embed.images"
    (image,) = embed["images"]
    assert image["alt"] == "An orange square"
    assert image["aspectRatio"] == {"width": 64, "height": 48}
    assert image["image"]["ref"]["$link"] == blob.data["ref"]["$link"]


def test_thread_parts_reply_to_root_and_parent(alice: BlueskyClient) -> None:
    parts = ["A thread 1/3", "A thread 2/3", "A thread 3/3"]
    rkeys = [new_tid() for _ in parts]

    refs = alice.create_thread(parts, rkeys=rkeys)

    assert [parse_at_uri(r.uri)[2] for r in refs] == rkeys
    first, second, third = (alice.get_post(r.uri) for r in refs)
    assert "reply" not in first.value
    assert second.value["reply"] == {
        "root": {"uri": refs[0].uri, "cid": refs[0].cid},
        "parent": {"uri": refs[0].uri, "cid": refs[0].cid},
    }
    assert third.value["reply"] == {
        "root": {"uri": refs[0].uri, "cid": refs[0].cid},
        "parent": {"uri": refs[1].uri, "cid": refs[1].cid},
    }
    assert [p.text for p in (first, second, third)] == parts

    # Resuming the same thread (same keys) takes the parts already there: no duplicates.
    assert alice.create_thread(parts, rkeys=rkeys) == refs


def test_delete_removes_the_post(alice: BlueskyClient) -> None:
    ref = alice.create_post("to be deleted", rkey=new_tid())
    assert ref.uri in {p.uri for p in alice.list_posts()}

    alice.delete_post(ref.uri)

    assert ref.uri not in {p.uri for p in alice.list_posts()}
    with pytest.raises(Rejected) as info:
        alice.get_post(ref.uri)
    assert info.value.code == "RecordNotFound"


def test_same_rkey_twice_never_makes_a_second_record(alice: BlueskyClient) -> None:
    rkey = new_tid()
    first = alice.create_post("exactly once", rkey=rkey)

    with pytest.raises(AlreadyExists) as info:
        alice.create_post("exactly once", rkey=rkey)

    assert PostRef(info.value.uri, info.value.cid) == first
    same_key = [p for p in alice.list_posts() if parse_at_uri(p.uri)[2] == rkey]
    assert [p.ref for p in same_key] == [first]


def test_expired_access_token_is_refreshed_transparently(
    atproto_server: AtprotoServer, alice_session: BlueskySession
) -> None:
    expired = atproto_server.mint_access_token(alice_session.did, expires_in_s=-60)
    fresh_login = BlueskyClient(atproto_server.pds_url).login(
        atproto_server.alice.handle, atproto_server.alice.app_password
    )
    seen: list[BlueskySession] = []
    client = BlueskyClient(
        atproto_server.pds_url,
        BlueskySession(fresh_login.did, fresh_login.handle, expired, fresh_login.refresh_jwt),
        on_session_change=seen.append,
    )

    ref = client.create_post("posted after a refresh", rkey=new_tid())

    assert client.get_post(ref.uri).text == "posted after a refresh"
    assert len(seen) == 1
    assert seen[0].access_jwt != expired
    assert seen[0].refresh_jwt != fresh_login.refresh_jwt  # rotated: the caller stores it
    assert client.session == seen[0]


def test_301_graphemes_are_rejected_with_the_servers_message(alice: BlueskyClient) -> None:
    rkey = new_tid()
    with pytest.raises(Rejected) as info:
        alice.create_post("é" * 301, rkey=rkey)
    assert info.value.status == 400
    assert "grapheme too big (maximum 300, got 301)" in info.value.reason
    assert info.value.code == "InvalidRequest"
    assert rkey not in {parse_at_uri(p.uri)[2] for p in alice.list_posts()}


def test_oversized_blob_is_rejected(alice: BlueskyClient, tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(b"\0" * (5 * 1024 * 1024 + 1))
    with pytest.raises(Rejected) as info:
        alice.upload_blob(big, "image/jpeg")
    assert info.value.status == 413
    assert info.value.code == "PayloadTooLarge"


def test_image_over_a_million_bytes_is_rejected_at_create(
    alice: BlueskyClient, tmp_path: Path
) -> None:
    path = tmp_path / "large.jpg"
    path.write_bytes(_jpeg(tmp_path / "small.jpg").read_bytes() + b"\0" * 1_000_001)
    blob = alice.upload_blob(path, "image/jpeg")
    with pytest.raises(Rejected) as info:
        alice.create_post("too big", rkey=new_tid(), images=[(blob, "big", None)])
    assert "too big" in info.value.reason
