"""Each social network's rules: limits, counting, checks, thread splitting, facets.

Pure functions only (no Qt, no network I/O). ``registry.rules_for(network)`` gives the
rules of one network; ``base.NetworkRules`` is what they all offer.
"""
