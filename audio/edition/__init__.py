"""One edition: its stages from article to files (narration, renditions, tags, transcripts,
cover) and the `Edition` record the feeds and the site are written from."""
