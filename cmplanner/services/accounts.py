"""Accounts a brand posts to: connect, test, reconnect, remove, and their health.

Blocking methods (``connect``, ``test``, ``reconnect``) talk to the network: the window runs
them off the GUI thread. The others only read or write the database (and the keyring).

Secrets go to the ``CredentialStore`` and nowhere else: not into the row, not into a
message, not into the log. A network's message is shown as the network said it, with any
part of the secret in it blotted out first.

The publisher writes ``status`` (``needs_reconnect``), ``token_expires_utc`` and
``rate_limited_until_utc`` in its own transactions; ``health`` derives the view from them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from sqlalchemy import delete, exists, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from cmplanner.domain.accounts import AccountHealth, ConnectFailed, account_health, clock_time
from cmplanner.domain.clock import Clock, SystemClock
from cmplanner.domain.enums import AccountStatus, AttemptResult, Network
from cmplanner.domain.errors import InvalidInput, NotFound
from cmplanner.domain.models import Account
from cmplanner.services.accounts_input import (
    clean_handle,
    keep_in,
    limit_end,
    parse_network,
    public_url,
    scrub,
    secret_fields,
    server_url,
)
from cmplanner.services.credentials import CredentialStore
from cmplanner.services.notifier import ChangeNotifier, Topic
from cmplanner.services.post_rows import account_from_row
from cmplanner.storage.tables import AccountRow, BrandRow, PostTargetRow, PublishAttemptRow

if TYPE_CHECKING:
    from cmplanner.networks.publishing import AccountRef, ClientFactory, Profile, PublishClient

log = logging.getLogger(__name__)

#: Error classes of an account that must be reconnected (besides attempts ended "auth").
_AUTH_ERRORS = ("AuthExpired", "AuthFailed")

#: What to do about a refused login, per network (where to get a new secret).
_AUTH_HINTS: dict[Network, str] = {
    Network.BLUESKY: (
        "Check the handle and the app password (Bluesky: Settings → Privacy and security → "
        "App passwords), then try again."
    ),
    Network.MASTODON: (
        "Check the server address and the access token (Preferences → Development on your "
        "server), then try again."
    ),
}
_AUTH_HINT = "Check the app password or token (make a new one if it was revoked), then try again."


def _lazy_make_client(
    account: AccountRef, secret: Mapping[str, str], **kwargs: object
) -> PublishClient:
    # Imported on first use: start-up imports no network library.
    from cmplanner.networks.publishing import make_client

    return make_client(account, secret, **kwargs)  # type: ignore[arg-type]


class AccountService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        notifier: ChangeNotifier,
        credentials: CredentialStore | None = None,
        clock: Clock | None = None,
        client_for: ClientFactory | Callable[..., PublishClient] | None = None,
    ) -> None:
        self._sessions = sessions
        self._notifier = notifier
        self._credentials = credentials if credentials is not None else CredentialStore()
        self._clock = clock or SystemClock()
        self._client_for: Callable[..., PublishClient] = client_for or _lazy_make_client
        self._reasons: dict[int, str] = {}  # the last refusal seen by test(), per account
        self._lock = threading.Lock()

    # -- plain records ----------------------------------------------------------------------

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

    def all(self, brand_id: int | None = None, *, include_removed: bool = False) -> list[Account]:
        """The brand's accounts (every brand's when None); removed ones only when asked."""
        with self._sessions() as s:
            q = select(AccountRow).order_by(AccountRow.brand_id, AccountRow.network, AccountRow.id)
            if brand_id is not None:
                q = q.where(AccountRow.brand_id == brand_id)
            if not include_removed:
                q = q.where(AccountRow.status != AccountStatus.DISABLED.value)
            return [account_from_row(r) for r in s.scalars(q)]

    def get(self, account_id: int) -> Account:
        with self._sessions() as s:
            return account_from_row(_row(s, account_id))

    # -- health (a pure read) ---------------------------------------------------------------

    def health(
        self,
        brand_id: int | None = None,
        *,
        include_removed: bool = False,
        tz: tzinfo | None = None,
    ) -> list[AccountHealth]:
        """Each account's health now, from its row alone (no network, no keyring)."""
        accounts = self.all(brand_id, include_removed=include_removed)
        parked = [a.id for a in accounts if a.status is AccountStatus.NEEDS_RECONNECT]
        reasons = self._last_auth_errors(parked) if parked else {}
        now = self._clock.now()
        return [account_health(a, now, reason=reasons.get(a.id, ""), tz=tz) for a in accounts]

    def _last_auth_errors(self, account_ids: list[int]) -> dict[int, str]:
        """The network's words for each parked account: what test() saw, else the last
        authentication error the publisher recorded."""
        out: dict[int, str] = {}
        with self._sessions() as s:
            latest = (
                select(
                    PostTargetRow.account_id,
                    func.max(PublishAttemptRow.id).label("attempt_id"),
                )
                .join(PublishAttemptRow, PublishAttemptRow.target_id == PostTargetRow.id)
                .where(
                    PostTargetRow.account_id.in_(account_ids),
                    or_(
                        PublishAttemptRow.result == AttemptResult.AUTH.value,
                        PublishAttemptRow.error_class.in_(_AUTH_ERRORS),
                    ),
                )
                .group_by(PostTargetRow.account_id)
                .subquery()
            )
            q = select(latest.c.account_id, PublishAttemptRow.error_message).join(
                PublishAttemptRow, PublishAttemptRow.id == latest.c.attempt_id
            )
            for account_id, message in s.execute(q):
                out[int(account_id)] = str(message)
        with self._lock:
            out.update((a, self._reasons[a]) for a in account_ids if a in self._reasons)
        return out

    # -- connecting (blocking: network I/O) -------------------------------------------------

    def connect(
        self,
        brand_id: int,
        network: Network | str,
        *,
        handle: str = "",
        server: str = "",
        secret: Mapping[str, str] | str,
        media_base_url: str = "",
    ) -> Account:
        """Check the credentials with the network, then save the account and its secret.

        Nothing is saved unless the network accepted them. Raises ``InvalidInput`` (bad
        input), ``ConnectFailed`` (the network said no, or did not answer) or a
        ``CredentialStoreError`` (no usable password store).
        """
        net = parse_network(network)
        handle = clean_handle(handle)
        server = server_url(net, server)
        media_base_url = public_url(media_base_url) if media_base_url.strip() else ""
        fields = secret_fields(net, secret)
        if net is Network.BLUESKY and not handle:
            raise InvalidInput(
                "A Bluesky account needs its handle to log in.",
                "Give the handle, e.g. alice.bsky.social (--handle on the command line).",
            )
        with self._sessions() as s:
            if s.get(BrandRow, brand_id) is None:
                raise InvalidInput(
                    f"Brand {brand_id} does not exist.", "Pick a brand from the brands list."
                )
        self._check_keyring()

        from cmplanner.networks.publishing import AccountRef

        ref = AccountRef(
            id=0, network=net, handle=handle, server=server, media_base_url=media_base_url
        )
        latest = dict(fields)
        profile = self._verify(ref, fields, on_secret_change=keep_in(latest))

        # The secret is saved between two short transactions, never inside one: a locked
        # keyring may wait on the desktop's unlock prompt, and the database must not.
        account_id, placeholder = self._reserve(brand_id, net, profile, handle, server)
        try:
            self._credentials.set(account_id, latest)
        except BaseException:
            if placeholder:
                with self._sessions.begin() as s:
                    s.execute(delete(AccountRow).where(AccountRow.id == account_id))
            raise
        with self._sessions.begin() as s:
            row = _row(s, account_id)
            _apply_profile(row, profile, server)
            row.media_base_url = media_base_url or row.media_base_url
            row.status = AccountStatus.CONNECTED.value
            row.rate_limited_until_utc = None
            account = account_from_row(row)
        with self._lock:
            self._reasons.pop(account.id, None)
        log.info("connected %s account %d (%s)", net.value, account.id, account.handle)
        self._notifier.changed(Topic.ACCOUNTS, (account.id,))
        return account

    def _reserve(
        self, brand_id: int, net: Network, profile: Profile, handle: str, server: str
    ) -> tuple[int, bool]:
        """The row the account goes to: the brand's existing row for it (a planned or removed
        one), or a new placeholder (not connected yet; True). Refuses a duplicate."""
        with self._sessions.begin() as s:
            if s.get(BrandRow, brand_id) is None:  # removed while we were waiting
                raise InvalidInput(f"Brand {brand_id} does not exist.", "Pick another brand.")
            row = _existing(s, brand_id, net, profile, handle, server)
            if row is None:
                row = AccountRow(
                    brand_id=brand_id,
                    network=net.value,
                    handle=profile.handle or handle or "?",
                    status=AccountStatus.NOT_CONNECTED.value,
                )
                s.add(row)
                s.flush()
                return row.id, True
            if row.status in (AccountStatus.CONNECTED.value, AccountStatus.RATE_LIMITED.value):
                raise InvalidInput(
                    f"This {net.label} account is already connected (account {row.id}).",
                    f"To give it a new secret: cmplanner accounts reconnect {row.id} "
                    "--secret-stdin (or Reconnect in the accounts view).",
                )
            return row.id, False

    def test(self, account_id: int) -> Profile:
        """Check the saved credentials again; the row's profile facts and status follow."""
        account = self.get(account_id)
        if account.status is AccountStatus.DISABLED:
            raise InvalidInput(
                f"Account {account_id} was removed.",
                "Connect it again to use it (cmplanner accounts add ...).",
            )
        secret = self._credentials.get(account_id)
        if not secret:
            reason = "no saved credentials for it in the password store"
            self._park(account_id, reason)
            raise ConnectFailed(
                f"Account {account_id} ({account.handle}) has {reason}.",
                "Reconnect it (cmplanner accounts reconnect ID --secret-stdin, or Reconnect "
                "in the accounts view).",
            )
        try:
            profile = self._verify(
                self._ref(account),
                secret,
                on_secret_change=self._writer(account_id),
                known=account.handle,
            )
        except ConnectFailed as exc:
            if exc.kind == "auth":
                self._park(account_id, exc.message)
            raise
        with self._sessions.begin() as s:
            row = _row(s, account_id)
            _apply_profile(row, profile, account.server)
            row.status = AccountStatus.CONNECTED.value
        with self._lock:
            self._reasons.pop(account_id, None)
        self._notifier.changed(Topic.ACCOUNTS, (account_id,))
        return profile

    def reconnect(self, account_id: int, secret: Mapping[str, str] | str) -> Account:
        """A new secret for a saved account: checked first; the old one stays on failure."""
        account = self.get(account_id)
        fields = secret_fields(account.network, secret)
        self._check_keyring()
        latest = dict(fields)
        profile = self._verify(
            self._ref(account), fields, on_secret_change=keep_in(latest), known=account.handle
        )
        self._credentials.set(account_id, latest)  # before, not inside, the transaction
        with self._sessions.begin() as s:
            row = _row(s, account_id)
            _apply_profile(row, profile, account.server)
            row.status = AccountStatus.CONNECTED.value
            row.rate_limited_until_utc = None
            updated = account_from_row(row)
        with self._lock:
            self._reasons.pop(account_id, None)
        log.info("reconnected account %d", account_id)
        self._notifier.changed(Topic.ACCOUNTS, (account_id,))
        return updated

    # -- settings ---------------------------------------------------------------------------

    def set_media_base_url(self, account_id: int, url: str) -> Account:
        """Where this account's media is hosted publicly ("" to forget it)."""
        clean = public_url(url) if url.strip() else ""
        with self._sessions.begin() as s:
            row = _row(s, account_id)
            row.media_base_url = clean
            account = account_from_row(row)
        self._notifier.changed(Topic.ACCOUNTS, (account_id,))
        return account

    def remove(self, account_id: int) -> bool:
        """Forget the account's secret, and the account itself.

        An account that posts refer to stays as a removed (``disabled``) row, so their
        history keeps its account; returns True when the row was deleted outright.
        """
        account = self.get(account_id)
        if account.status not in (AccountStatus.NOT_CONNECTED, AccountStatus.DISABLED):
            self._credentials.delete(account_id)
        with self._sessions.begin() as s:
            row = _row(s, account_id)
            used = s.scalar(select(exists().where(PostTargetRow.account_id == account_id)))
            if used:
                row.status = AccountStatus.DISABLED.value
                row.token_expires_utc = None
                row.rate_limited_until_utc = None
            else:
                s.execute(delete(AccountRow).where(AccountRow.id == account_id))
        with self._lock:
            self._reasons.pop(account_id, None)
        log.info("removed account %d (%s)", account_id, "kept for history" if used else "deleted")
        self._notifier.changed(Topic.ACCOUNTS, (account_id,))
        return not used

    # -- helpers ----------------------------------------------------------------------------

    def _check_keyring(self) -> None:
        """Fail before any network call when no password store could take the secret."""
        from cmplanner.services.credentials import BackendState, KeyringUnavailable

        status = self._credentials.backend_status()
        if status.state in (BackendState.UNAVAILABLE, BackendState.REFUSED):
            raise KeyringUnavailable(
                f"No password store is available to keep the account's secret ({status.reason}).",
                "Install or unlock GNOME Keyring or KWallet (a desktop session starts it), "
                "or choose an encrypted file in the accounts view; then try again.",
            )

    @staticmethod
    def _ref(account: Account) -> AccountRef:
        from cmplanner.networks.publishing import AccountRef

        return AccountRef(
            id=account.id,
            network=account.network,
            handle=account.handle,
            server=account.server,
            remote_id=account.remote_id,
            media_base_url=account.media_base_url,
        )

    def _writer(self, account_id: int) -> Callable[[dict[str, str]], None]:
        """Refreshed credentials go back to the keyring at once."""

        def write(fields: dict[str, str]) -> None:
            self._credentials.set(account_id, fields)

        return write

    def _verify(
        self,
        ref: AccountRef,
        secret: Mapping[str, str],
        *,
        on_secret_change: Callable[[dict[str, str]], None],
        known: str = "",
    ) -> Profile:
        """The client's ``verify()``, its typed errors turned into what the user reads."""
        from cmplanner.networks.errors import (
            AuthExpired,
            AuthFailed,
            InsecureURL,
            NetworkError,
            RateLimited,
            Rejected,
        )

        who = known or ref.handle or ref.server or ref.network.label
        where = ref.network.label
        try:
            client = self._client_for(ref, secret, on_secret_change=on_secret_change)
            return client.verify()
        except ModuleNotFoundError as exc:
            if not (exc.name or "").startswith("cmplanner.networks."):
                raise
            raise ConnectFailed(
                f"This version of cmplanner cannot connect {where} accounts yet.",
                "Plan posts for it without connecting; publish them by hand.",
                kind="unsupported",
            ) from None
        except InsecureURL as exc:
            raise InvalidInput(scrub(str(exc), secret), "Use an https:// address.") from None
        except (AuthFailed, AuthExpired) as exc:
            said = scrub(exc.message, secret)
            raise ConnectFailed(
                f"{where} refused the login of {who}: {said}.",
                _AUTH_HINTS.get(ref.network, _AUTH_HINT),
                kind="auth",
            ) from None
        except RateLimited as exc:
            until = limit_end(exc, self._clock.now())
            if ref.id and until is not None:
                self._rate_limited(ref.id, until)
            when = f" until {clock_time(until, self._clock.now())}" if until else ""
            raise ConnectFailed(
                f"{where} is limiting requests from {who}{when}.",
                "Wait, then try again.",
                kind="rate_limited",
            ) from None
        except Rejected as exc:
            raise ConnectFailed(
                f"{where} refused the connection of {who}: {scrub(exc.reason, secret)}.",
                "Check the handle and the server address, then try again.",
                kind="rejected",
            ) from None
        except NetworkError as exc:  # Transient, and anything else the network layer raises
            target = f"{where} at {ref.server}" if ref.server else where
            raise ConnectFailed(
                f"Could not reach {target}: {scrub(exc.message, secret)}.",
                "Check the connection and the server address, then try again.",
                kind="transient",
            ) from None

    def _park(self, account_id: int, reason: str) -> None:
        with self._sessions.begin() as s:
            row = _row(s, account_id)
            row.status = AccountStatus.NEEDS_RECONNECT.value
        with self._lock:
            self._reasons[account_id] = reason
        log.info("account %d needs reconnecting", account_id)
        self._notifier.changed(Topic.ACCOUNTS, (account_id,))

    def _rate_limited(self, account_id: int, until: datetime) -> None:
        with self._sessions.begin() as s:
            row = _row(s, account_id)
            row.rate_limited_until_utc = until.astimezone(UTC).replace(tzinfo=None)
        self._notifier.changed(Topic.ACCOUNTS, (account_id,))


# -- input ----------------------------------------------------------------------------------


def _row(s: Session, account_id: int) -> AccountRow:
    row = s.get(AccountRow, account_id)
    if row is None:
        raise NotFound(
            f"Account {account_id} does not exist.",
            "List the accounts with: cmplanner accounts list",
        )
    return row


def _existing(
    s: Session, brand_id: int, network: Network, profile: Profile, handle: str, server: str
) -> AccountRow | None:
    """The brand's row for this same account, if it has one (a profile or a removed one)."""
    rows = s.scalars(
        select(AccountRow).where(
            AccountRow.brand_id == brand_id, AccountRow.network == network.value
        )
    )
    names = {n.casefold() for n in (handle, profile.handle) if n}
    for row in rows:
        if profile.remote_id and row.remote_id == profile.remote_id:
            return row
        same_server = (row.server or "") in ("", server, profile.server)
        if not row.remote_id and row.handle.removeprefix("@").casefold() in names and same_server:
            return row
    return None


def _apply_profile(row: AccountRow, profile: Profile, server: str) -> None:
    """The facts a verify() read, onto the row (never a secret)."""
    row.handle = profile.handle or row.handle
    row.display_name = profile.display_name or row.display_name
    row.remote_id = profile.remote_id or row.remote_id
    row.avatar_url = profile.avatar_url or row.avatar_url
    row.server = profile.server or server or row.server
    if profile.char_limit is not None:
        row.char_limit = profile.char_limit
    if profile.url_cost is not None:
        row.url_cost = profile.url_cost
    expires = profile.token_expires_utc
    row.token_expires_utc = (
        expires.astimezone(UTC).replace(tzinfo=None)
        if expires is not None and expires.tzinfo
        else expires
    )
