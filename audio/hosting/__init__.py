"""The published folder made reachable: served on the local network, deployed to a web host,
and checked there as listeners fetch it."""
