"""Sources in, article files out: every source (an article page, a feed whose items are article
pages, a saved page) is fetched, several at once; each article found is written through the
ledger (audio/web/ledger.py), in this thread, as it arrives. A source that fails is reported with
its problem; the others are imported."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from audio.errors import AudioEditionError, SourceError
from audio.web.extract import Imported, extract_article
from audio.web.feeds import feed_links, is_feed
from audio.web.fetch import Fetcher
from audio.web.ledger import Ledger

LIBRARIES = ("urllib3", "trafilatura", "htmldate", "courlan", "justext")
"""Libraries that log warnings (each retry, each page part discarded) which a command line
without logging set up prints to standard error: the outcome is reported instead."""
WORKERS = 8
"""Sources fetched and read at once (each host still gets at most fetch.PER_HOST)."""
FAILED = "failed"


@dataclass(frozen=True)
class Result:
    """What became of one source or feed item: an action of audio/web/ledger.py or FAILED."""

    source: str
    action: str
    path: Path | None = None
    title: str | None = None
    reason: str | None = None
    notes: tuple[str, ...] = ()
    guesses: tuple[str, ...] = ()


def import_sources(
    sources: Iterable[str],
    folder: Path,
    contact: str = "",
    force: bool = False,
    report: Callable[[Result], None] = lambda result: None,
    fetcher: Fetcher | None = None,
) -> list[Result]:
    """Import every source into `folder`; `report` hears of each result as it comes."""
    for library in LIBRARIES:
        logging.getLogger(library).setLevel(logging.ERROR)
    folder.mkdir(parents=True, exist_ok=True)
    ledger = Ledger(folder)
    fetcher = fetcher or Fetcher(contact)
    results: list[Result] = []
    seen: set[str] = set()

    def done(result: Result) -> None:
        results.append(result)
        report(result)

    with ThreadPoolExecutor(WORKERS) as pool:
        pending: dict[Future[list[str] | Imported], str] = {}

        def submit(source: str, from_feed: bool) -> None:
            if source not in seen:
                seen.add(source)
                pending[pool.submit(_load, fetcher, source, from_feed)] = source

        for source in sources:
            submit(source, from_feed=False)
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                source = pending.pop(future)
                try:
                    loaded = future.result()
                except AudioEditionError as error:
                    done(Result(source, FAILED, reason=str(error)))
                    continue
                if isinstance(loaded, list):
                    for link in loaded:
                        submit(link, from_feed=True)
                else:
                    done(_store(ledger, source, loaded, force))
    return results


def _load(fetcher: Fetcher, source: str, from_feed: bool) -> list[str] | Imported:
    """A feed's item links, or the article on a page."""
    if from_feed and urlsplit(source).scheme not in ("http", "https"):
        # A feed from elsewhere must not make import read files on this machine.
        raise SourceError(source, "a feed item that is no http(s) address is not followed")
    page = fetcher.get(source)
    if is_feed(page):
        if from_feed:
            raise SourceError(source, "a feed item links to a feed, which is not followed")
        return feed_links(page)
    if page.media_type and "html" not in page.media_type:
        raise SourceError(source, f"is {page.media_type}, neither a web page nor a feed")
    return extract_article(page)


def _store(ledger: Ledger, source: str, article: Imported, force: bool) -> Result:
    """Write the article (a second source that leads to the same canonical address finds it
    unchanged)."""
    try:
        stored = ledger.store(article, force)
    except (AudioEditionError, OSError) as error:
        return Result(source, FAILED, reason=f"{source}: cannot write its article: {error}")
    return Result(
        source,
        stored.action,
        stored.path,
        article.title,
        stored.reason,
        article.notes,
        article.guesses,
    )
