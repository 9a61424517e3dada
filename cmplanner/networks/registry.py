"""Which rules serve which network. Adding a network: one module, one line here."""

from __future__ import annotations

from collections.abc import Callable

from cmplanner.domain.enums import Network
from cmplanner.networks.base import NetworkRules
from cmplanner.networks.bluesky import BlueskyRules
from cmplanner.networks.facebook import FacebookRules
from cmplanner.networks.instagram import InstagramRules
from cmplanner.networks.linkedin import LinkedInRules
from cmplanner.networks.mastodon import MastodonRules
from cmplanner.networks.threads import ThreadsRules
from cmplanner.networks.x import XRules

_RULES: dict[Network, Callable[[], NetworkRules]] = {
    Network.MASTODON: MastodonRules,
    Network.BLUESKY: BlueskyRules,
    Network.X: XRules,
    Network.LINKEDIN: LinkedInRules,
    Network.FACEBOOK: FacebookRules,
    Network.INSTAGRAM: InstagramRules,
    Network.THREADS: ThreadsRules,
}


def rules_for(network: Network) -> NetworkRules:
    """The rules of ``network`` with its default limits (see ``with_instance``)."""
    return _RULES[network]()
