"""Publishing: the feeds and the site, written from editions only (never from articles or audio)."""
