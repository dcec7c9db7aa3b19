"""Builds of the output folder: what is stale, editions built in worker processes, staging, the
manifest, the lock, the watch; and reading a built folder back (check, list)."""
