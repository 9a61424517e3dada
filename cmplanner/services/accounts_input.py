"""Checking what a user typed to connect an account, and keeping secrets out of messages.

Pure helpers of ``AccountService`` (no database, no keyring). Network modules are imported
on first use: start-up imports no network library.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta

from cmplanner.domain.enums import Network
from cmplanner.domain.errors import InvalidInput


def parse_network(network: Network | str) -> Network:
    if isinstance(network, Network):
        return network
    try:
        return Network(str(network).strip().lower())
    except ValueError:
        names = ", ".join(n.value for n in Network)
        raise InvalidInput(f"Unknown network '{network}'.", f"Use one of: {names}.") from None


def clean_handle(handle: str) -> str:
    """``@alice.bsky.social`` → ``alice.bsky.social``; ``@user@server`` stays as it is."""
    h = handle.strip()
    return h[1:] if h.startswith("@") and h.count("@") == 1 else h


def safe_url(url: str, what: str) -> str:
    """``url`` if credentials may be sent to it: https://, or http:// to loopback only."""
    from cmplanner.networks.errors import InsecureURL
    from cmplanner.networks.http import check_url

    try:
        return check_url(url)
    except InsecureURL as exc:
        raise InvalidInput(
            f"{what} {url.strip()!r} cannot be used: {exc}.",
            "Use an https:// address (plain http:// only for 127.0.0.1 / localhost, for testing).",
        ) from None


def server_url(network: Network, server: str) -> str:
    server = server.strip()
    if not server:
        if network is Network.MASTODON:
            raise InvalidInput(
                "A Mastodon account needs the address of its server.",
                "Give it, e.g. https://mastodon.social (--server on the command line).",
            )
        return ""
    if "://" not in server:
        server = "https://" + server
    return safe_url(server, "The server address")


def public_url(url: str) -> str:
    return safe_url(url.strip(), "The media address")


def secret_fields(network: Network, secret: Mapping[str, str] | str) -> dict[str, str]:
    from cmplanner.networks.publishing import PRIMARY_SECRET_KEY

    empty = InvalidInput(
        "There is no secret to check.",
        "Paste the app password or access token (the command line reads it from standard "
        "input with --secret-stdin).",
    )
    if isinstance(secret, str):
        if not secret.strip():
            raise empty
        return {PRIMARY_SECRET_KEY[network]: secret.strip()}
    fields = dict(secret)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in fields.items()):
        # Name no value here: any of them may be the secret.
        raise InvalidInput("A secret is a set of text fields.", "Give each field as text.")
    fields = {k: v.strip() for k, v in fields.items() if v.strip()}
    if not fields:
        raise empty
    return fields


def keep_in(latest: dict[str, str]) -> Callable[[dict[str, str]], None]:
    """A sink for a client that refreshes before the account exists: keep the newest."""

    def keep(fields: dict[str, str]) -> None:
        latest.clear()
        latest.update(fields)

    return keep


def scrub(text: str, secret: Mapping[str, str]) -> str:
    """The text with every secret value of 4+ characters in it blotted out."""
    for value in sorted(secret.values(), key=len, reverse=True):
        if len(value) >= 4 and value in text:
            text = text.replace(value, "[secret]")
    return text.rstrip(". ")


def limit_end(exc: object, now: datetime) -> datetime | None:
    reset_at: datetime | None = getattr(exc, "reset_at", None)
    if reset_at is not None:
        return reset_at if reset_at.tzinfo else reset_at.replace(tzinfo=UTC)
    retry: float | None = getattr(exc, "retry_after_s", None)
    return now + timedelta(seconds=retry) if retry is not None else None
