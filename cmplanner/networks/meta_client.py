"""Facebook Pages, Instagram (professional accounts) and Threads behind the
``PublishClient`` interface (transport, errors and token refresh in ``meta_graph.py``).

Credentials (one dict in the keyring): ``access_token``, and ``expires_at`` (ISO UTC) when
known. A Facebook *Page* token (from ``/me/accounts``) does not expire. Long-lived
Instagram-Login and Threads tokens last 60 days and are renewed (``ig_refresh_token`` /
``th_refresh_token``) when less than 30 days are left; the new one goes to
``on_secret_change`` at once. ``AccountRef.remote_id`` is the Page id / IG user id / Threads
user id; when empty, ``me`` (what the token belongs to).

Instagram and Threads fetch images from a **public address**: ``OutgoingMedia.public_url``
(the publisher builds it from the account's media base URL). Without one the post is
refused with a message that says so.

Exactly once: none of the three has an idempotency key. ``find_existing`` reads the
account's latest posts and matches the text; Facebook also refuses a duplicate (code 506).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote

import requests

from cmplanner.domain.enums import Network
from cmplanner.networks.errors import Rejected
from cmplanner.networks.meta_graph import (
    FACEBOOK_GRAPH,
    INSTAGRAM_GRAPH,
    THREADS_GRAPH,
    GraphAccount,
)
from cmplanner.networks.publishing import (
    AccountRef,
    Outgoing,
    OutgoingMedia,
    Profile,
    Published,
    SecretSink,
)
from cmplanner.networks.rest import same_text

FACEBOOK_WEB = "https://www.facebook.com"
#: How many recent posts ``find_existing`` reads.
RECENT_LIMIT = 25

NEEDS_PUBLIC_URL = (
    "{network} fetches the image from a public address: set the account's media base URL"
)


def _one_part(post: Outgoing, network: str) -> str:
    if len(post.parts) != 1:
        raise Rejected(f"{network} has no threads: make the post one part")
    return post.parts[0]


def _public_urls(media: Sequence[OutgoingMedia], network: str) -> list[str]:
    urls = [m.public_url for m in media]
    if not all(urls):
        raise Rejected(NEEDS_PUBLIC_URL.format(network=network))
    return urls


def _epoch(moment: datetime) -> str:
    return str(int(moment.timestamp()))


# ---------------------------------------------------------------- Facebook Page


class FacebookClient(GraphAccount):
    """One Facebook Page, with its Page access token."""

    network = Network.FACEBOOK
    network_label = "Facebook"

    @property
    def page(self) -> str:
        return self.account.remote_id or "me"

    def verify(self) -> Profile:
        body = self._call(
            "GET", f"/{self.page}", params={"fields": "id,name,username,link,picture{url}"}
        )
        return Profile(
            handle=str(body.get("username") or body.get("name", "")),
            display_name=str(body.get("name", "")),
            remote_id=str(body.get("id", "")),
            avatar_url=str(body.get("picture", {}).get("data", {}).get("url", "")),
            extra={"url": str(body.get("link", ""))},
        )

    def publish(self, post: Outgoing) -> Published:
        if post.reply_to is not None:
            return self._comment(post.reply_to.remote_id, _one_part(post, "Facebook"))
        post_id = self._create(post, scheduled=None)
        return Published(remote_id=post_id, remote_url=web_url(post_id), part_ids=(post_id,))

    def schedule(self, post: Outgoing) -> str:
        """Hand the post to Facebook (``published=false`` + ``scheduled_publish_time``, 10
        minutes to 6 months ahead); the unpublished post's id."""
        if post.scheduled_utc is None:
            raise ValueError("a hand-off needs Outgoing.scheduled_utc")
        return self._create(post, scheduled=post.scheduled_utc)

    def reschedule(self, handoff_id: str, when: datetime) -> None:
        """Move a handed-off post to ``when``."""
        self._call("POST", f"/{quote(handoff_id)}", data={"scheduled_publish_time": _epoch(when)})

    def list_scheduled(self) -> list[dict[str, Any]]:
        """The Page's scheduled posts (``id``, ``message``, ``scheduled_publish_time``)."""
        body = self._call(
            "GET",
            f"/{self.page}/scheduled_posts",
            params={"fields": "id,message,scheduled_publish_time"},
        )
        return [p for p in body.get("data", []) if isinstance(p, dict)]

    def cancel_scheduled(self, handoff_id: str) -> None:
        self._call("DELETE", f"/{quote(handoff_id)}")

    def delete(self, remote_id: str) -> None:
        self._call("DELETE", f"/{quote(remote_id)}")

    def find_existing(self, post: Outgoing) -> Published | None:
        body = self._call(
            "GET",
            f"/{self.page}/published_posts",
            params={"fields": "id,message,created_time,permalink_url", "limit": RECENT_LIMIT},
        )
        for item in body.get("data", []):
            if isinstance(item, dict) and same_text(post.text, str(item.get("message", ""))):
                post_id = str(item["id"])
                url = str(item.get("permalink_url") or web_url(post_id))
                return Published(remote_id=post_id, remote_url=url, part_ids=(post_id,))
        return None

    def _create(self, post: Outgoing, *, scheduled: datetime | None) -> str:
        text = _one_part(post, "Facebook")
        timing: dict[str, str] = {}
        if scheduled is not None:
            timing = {"published": "false", "scheduled_publish_time": _epoch(scheduled)}
        if len(post.media) == 1:
            body = self._call(
                "POST",
                f"/{self.page}/photos",
                data={"caption": text, **self._alt(post.media[0]), **timing},
                files={"source": _file(post.media[0])},
            )
            return str(body.get("post_id") or body["id"])
        data: dict[str, str] = {"message": text, **timing}
        for i, media in enumerate(post.media):
            photo = self._call(
                "POST",
                f"/{self.page}/photos",
                data={
                    "published": "false",
                    **({"temporary": "true"} if scheduled is not None else {}),
                    **self._alt(media),
                },
                files={"source": _file(media)},
            )
            data[f"attached_media[{i}]"] = f'{{"media_fbid":"{photo["id"]}"}}'
        return str(self._call("POST", f"/{self.page}/feed", data=data)["id"])

    @staticmethod
    def _alt(media: OutgoingMedia) -> dict[str, str]:
        return {"alt_text_custom": media.alt} if media.alt else {}


def _file(media: OutgoingMedia) -> tuple[str, bytes, str]:
    return (media.path.name, media.path.read_bytes(), media.mime or "application/octet-stream")


def web_url(post_id: str) -> str:
    """Where people see a Page post (``<page>_<post>`` ids resolve on facebook.com)."""
    return f"{FACEBOOK_WEB}/{post_id}"


# ---------------------------------------------------------------- Instagram and Threads


class ContainerAccount(GraphAccount):
    """Instagram and Threads: a post is a container made, waited for, then published."""

    #: The container's status field, the publish edge, the edge listing recent posts and
    #: the field holding their text.
    status_field = "status"
    publish_edge = ""
    recent_edge = ""
    text_field = ""

    @property
    def user(self) -> str:
        return self.account.remote_id or "me"

    def publish_container(self, container: str, what: str) -> str:
        """Wait until the container is ready, publish it; the published media's id."""
        self.wait_container(container, self.status_field, what)
        data = {"creation_id": container}
        return str(self._call("POST", f"/{self.user}/{self.publish_edge}", data=data)["id"])

    def permalink(self, media_id: str) -> str:
        link = self._call("GET", f"/{media_id}", params={"fields": "permalink"})
        return str(link.get("permalink", ""))

    def recent_match(self, text: str) -> Published | None:
        """The latest post whose text is ``text``, if any (``find_existing``)."""
        body = self._call(
            "GET",
            f"/{self.user}/{self.recent_edge}",
            params={"fields": f"id,{self.text_field},permalink,timestamp", "limit": RECENT_LIMIT},
        )
        for item in body.get("data", []):
            if isinstance(item, dict) and same_text(text, str(item.get(self.text_field, ""))):
                media_id = str(item["id"])
                return Published(media_id, str(item.get("permalink", "")), (media_id,))
        return None


class InstagramClient(ContainerAccount):
    """One Instagram professional account (Instagram Login or Facebook Login)."""

    network = Network.INSTAGRAM
    network_label = "Instagram"
    status_field = "status_code"
    publish_edge = "media_publish"
    recent_edge = "media"
    text_field = "caption"

    def verify(self) -> Profile:
        self.refresh_if_unknown()
        body = self._call(
            "GET",
            f"/{self.user}",
            params={"fields": "id,user_id,username,name,profile_picture_url"},
        )
        return Profile(
            handle=str(body.get("username", "")),
            display_name=str(body.get("name", "")),
            remote_id=str(body.get("user_id") or body.get("id", "")),
            avatar_url=str(body.get("profile_picture_url", "")),
            token_expires_utc=self.token_expiry(),
        )

    def publish(self, post: Outgoing) -> Published:
        caption = _one_part(post, "Instagram")
        if post.reply_to is not None:
            return self._comment(post.reply_to.remote_id, caption)
        if not post.media:
            raise Rejected("Instagram has no text-only posts: add an image")
        urls = _public_urls(post.media, "Instagram")
        if len(urls) == 1:
            container = self._container(urls[0], post.media[0].alt, caption=caption)
        else:
            children = [
                self._container(url, media.alt, carousel_item=True)
                for url, media in zip(urls, post.media, strict=True)
            ]
            for child in children:
                self.wait_container(child, "status_code", "an image of the carousel")
            container = str(
                self._call(
                    "POST",
                    f"/{self.user}/media",
                    data={
                        "media_type": "CAROUSEL",
                        "children": ",".join(children),
                        "caption": caption,
                    },
                )["id"]
            )
        media_id = self.publish_container(container, "the post")
        return Published(media_id, self.permalink(media_id), (media_id,))

    def _container(
        self, image_url: str, alt: str, *, caption: str = "", carousel_item: bool = False
    ) -> str:
        data = {"image_url": image_url}
        if caption:
            data["caption"] = caption
        if alt:
            data["alt_text"] = alt
        if carousel_item:
            data["is_carousel_item"] = "true"
        return str(self._call("POST", f"/{self.user}/media", data=data)["id"])

    def find_existing(self, post: Outgoing) -> Published | None:
        return self.recent_match(post.text)

    def schedule(self, post: Outgoing) -> str:
        raise NotImplementedError("Instagram has no server-side scheduling in its API")

    def cancel_scheduled(self, handoff_id: str) -> None:
        raise NotImplementedError("Instagram has no server-side scheduling in its API")

    def delete(self, remote_id: str) -> None:
        self._call("DELETE", f"/{quote(remote_id)}")


# ---------------------------------------------------------------- Threads


class ThreadsClient(ContainerAccount):
    """One Threads profile."""

    network = Network.THREADS
    network_label = "Threads"
    publish_edge = "threads_publish"
    recent_edge = "threads"
    text_field = "text"

    def verify(self) -> Profile:
        self.refresh_if_unknown()
        body = self._call(
            "GET", "/me", params={"fields": "id,username,name,threads_profile_picture_url"}
        )
        return Profile(
            handle=str(body.get("username", "")),
            display_name=str(body.get("name", "")),
            remote_id=str(body.get("id", "")),
            avatar_url=str(body.get("threads_profile_picture_url", "")),
            token_expires_utc=self.token_expiry(),
        )

    def publish(self, post: Outgoing) -> Published:
        if not post.parts:
            raise ValueError("nothing to publish")
        urls = _public_urls(post.media, "Threads") if post.media else []
        ids: list[str] = []
        for i, text in enumerate(post.parts):
            media = list(zip(urls, post.media, strict=True)) if i == 0 else []
            parent = ids[-1] if ids else (post.reply_to.remote_id if post.reply_to else "")
            container = self._part_container(text, media, reply_to=parent)
            ids.append(self.publish_container(container, f"part {i + 1} of the post"))
        return Published(ids[0], self.permalink(ids[0]), tuple(ids))

    def _part_container(
        self, text: str, media: Sequence[tuple[str, OutgoingMedia]], *, reply_to: str
    ) -> str:
        data: dict[str, str] = {"text": text}
        if reply_to:
            data["reply_to_id"] = reply_to
        if not media:
            data["media_type"] = "TEXT"
        elif len(media) == 1:
            data.update(media_type="IMAGE", image_url=media[0][0])
            if media[0][1].alt:
                data["alt_text"] = media[0][1].alt
        else:
            children = []
            for url, item in media:
                child = {"media_type": "IMAGE", "image_url": url, "is_carousel_item": "true"}
                if item.alt:
                    child["alt_text"] = item.alt
                children.append(str(self._call("POST", f"/{self.user}/threads", data=child)["id"]))
            for child_id in children:
                self.wait_container(child_id, "status", "an image of the carousel")
            data.update(media_type="CAROUSEL", children=",".join(children))
        return str(self._call("POST", f"/{self.user}/threads", data=data)["id"])

    def find_existing(self, post: Outgoing) -> Published | None:
        """The first part among the profile's latest posts. For a thread of several parts
        the replies cannot be told apart cheaply: ``NotImplementedError`` when the first
        part is there (the user checks), None when it is not."""
        found = self.recent_match(post.text)
        if found is not None and len(post.parts) > 1:
            raise NotImplementedError(
                "the thread's first part is on Threads; check its replies by hand"
            )
        return found

    def schedule(self, post: Outgoing) -> str:
        raise NotImplementedError("Threads has no server-side scheduling in its API")

    def cancel_scheduled(self, handoff_id: str) -> None:
        raise NotImplementedError("Threads has no server-side scheduling in its API")

    def delete(self, remote_id: str) -> None:
        self._call("DELETE", f"/{quote(remote_id)}")


# ---------------------------------------------------------------- factories


def _base(account: AccountRef, default: str) -> str:
    """``account.server`` (a local test server) or the network's own Graph host."""
    return account.server.rstrip("/") if account.server else default


def make_facebook_client(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> FacebookClient:
    return FacebookClient(
        account,
        secret,
        base_url=_base(account, FACEBOOK_GRAPH),
        on_secret_change=on_secret_change,
        http=http,
    )


def make_instagram_client(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> InstagramClient:
    """Instagram-Login tokens (``IG…``) go to graph.instagram.com and can be renewed;
    Facebook-Login ones to graph.facebook.com (renewed through Facebook, not here)."""
    instagram_login = secret.get("access_token", "").startswith("IG")
    base = _base(account, INSTAGRAM_GRAPH if instagram_login else FACEBOOK_GRAPH)
    root = base.rsplit("/", 1)[0] if not account.server else base
    return InstagramClient(
        account,
        secret,
        base_url=base,
        refresh_url=f"{root}/refresh_access_token" if instagram_login else "",
        refresh_grant="ig_refresh_token",
        on_secret_change=on_secret_change,
        http=http,
    )


def make_threads_client(
    account: AccountRef,
    secret: Mapping[str, str],
    *,
    on_secret_change: SecretSink | None = None,
    http: requests.Session | None = None,
) -> ThreadsClient:
    base = _base(account, THREADS_GRAPH)
    root = base.rsplit("/", 1)[0] if not account.server else base
    return ThreadsClient(
        account,
        secret,
        base_url=base,
        refresh_url=f"{root}/refresh_access_token",
        refresh_grant="th_refresh_token",
        on_secret_change=on_secret_change,
        http=http,
    )
