"""Import from the web: news pages and RSS or Atom feeds in, Markdown article files out (fetch,
feeds, metadata, extract, article_file, ledger, importer), for `audio-edition import`."""
