"""Accounts a brand posts to. Connecting them (credentials, keyring) comes with the publisher."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.enums import Network
from cmplanner.domain.errors import InvalidInput, NotFound
from cmplanner.domain.models import Account
from cmplanner.services.notifier import ChangeNotifier, Topic
from cmplanner.services.post_rows import account_from_row
from cmplanner.storage.tables import AccountRow, BrandRow


class AccountService:
    def __init__(self, sessions: sessionmaker[Session], notifier: ChangeNotifier) -> None:
        self._sessions = sessions
        self._notifier = notifier

    def add_profile(
        self, brand_id: int, network: Network, handle: str, display_name: str = "", server: str = ""
    ) -> Account:
        """Record an account to plan for (not yet connected: no credentials)."""
        handle = handle.strip()
        if not handle:
            raise InvalidInput("An account needs a handle.", "Type the account's @handle.")
        with self._sessions.begin() as s:
            if s.get(BrandRow, brand_id) is None:
                raise NotFound(f"Brand {brand_id} does not exist.", "Pick an existing brand.")
            row = AccountRow(
                brand_id=brand_id,
                network=network.value,
                handle=handle,
                display_name=display_name,
                server=server,
            )
            s.add(row)
            s.flush()
            acc = account_from_row(row)
        self._notifier.changed(Topic.ACCOUNTS, (acc.id,))
        return acc

    def all(self, brand_id: int | None = None) -> list[Account]:
        with self._sessions() as s:
            q = select(AccountRow).order_by(AccountRow.brand_id, AccountRow.network, AccountRow.id)
            if brand_id is not None:
                q = q.where(AccountRow.brand_id == brand_id)
            return [account_from_row(r) for r in s.scalars(q)]
