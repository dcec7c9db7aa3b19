"""Builds of the output folder: what is stale, rendering in worker processes, staging, the
manifest, the lock, the watch; and reading a built folder back (check, list)."""
