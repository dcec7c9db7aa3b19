"""The published folder made reachable: served on the local network."""
