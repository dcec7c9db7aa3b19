"""The published folder made reachable: served on the local network, deployed to a web host."""
