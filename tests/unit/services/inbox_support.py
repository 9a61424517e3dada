"""A workspace with a brand and connected accounts whose secrets sit in an in-memory keyring,
and Mastodon's documented shapes for a fake instance (pytest-httpserver)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from cmplanner.domain.clock import FixedClock
from cmplanner.domain.enums import AccountStatus, Network
from cmplanner.domain.models import Account, Brand
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.inbox import InboxService
from cmplanner.services.workspace import Workspace
from cmplanner.storage.tables import AccountRow
from tests.support.memory_keyring import MemoryKeyring

ME = "14715"


class Desk:
    """Brands with connected accounts and the inbox over them."""

    def __init__(self, ws: Workspace, clock: FixedClock) -> None:
        self.ws = ws
        self.clock = clock
        self.credentials = CredentialStore(backend=MemoryKeyring())
        self.inbox = InboxService(ws.sessions, ws.notifier, clock, self.credentials)
        self.brand: Brand = ws.brands.create("Café Sol", "Europe/Madrid")

    def account(
        self,
        network: Network,
        handle: str,
        *,
        server: str = "",
        remote_id: str = "",
        brand: Brand | None = None,
        secret: dict[str, str] | None = None,
    ) -> Account:
        acc = self.ws.accounts.add_profile((brand or self.brand).id, network, handle, server=server)
        with self.ws.sessions.begin() as s:
            s.execute(
                update(AccountRow)
                .where(AccountRow.id == acc.id)
                .values(status=AccountStatus.CONNECTED.value, remote_id=remote_id)
            )
        self.credentials.set(acc.id, secret or {"access_token": f"token-{acc.id}"})
        return self.ws.accounts.get(acc.id)


def who(acct_id: str, acct: str, name: str = "") -> dict[str, Any]:
    return {"id": acct_id, "username": acct, "acct": acct, "display_name": name, "url": ""}


def status(
    sid: str,
    html: str,
    *,
    author: dict[str, Any] | None = None,
    reply_to: str | None = None,
    at: str = "2026-11-26T09:30:00.000Z",
) -> dict[str, Any]:
    return {
        "id": sid,
        "created_at": at,
        "in_reply_to_id": reply_to,
        "in_reply_to_account_id": ME if reply_to else None,
        "spoiler_text": "",
        "visibility": "public",
        "language": "es",
        "url": f"https://example.social/@x/{sid}",
        "content": html,
        "account": author or who("2001", "ana@example.social", "Ana"),
    }


def mention(nid: str, st: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": nid,
        "type": "mention",
        "created_at": st["created_at"],
        "account": st["account"],
        "status": st,
    }
