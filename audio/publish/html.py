"""HTML from editions through Jinja2 templates with autoescaping on.

Article text comes from newsrooms and scrapers and may hold `<`, `&` or quotes anywhere; with
autoescape every value a template prints is escaped unless the template says otherwise, so safety
does not depend on remembering an escape call at each of dozens of places.
"""

from __future__ import annotations

import contextlib
import functools
import json
from typing import Any

import jinja2
from markupsafe import Markup

from audio.edition.model import Edition
from audio.text.phrases import written_moment


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("audio.publish", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_compiled_templates(),
    )
    env.filters["clock"] = clock
    env.filters["minutes"] = minutes
    env.filters["megabytes"] = megabytes
    env.filters["german_date"] = german_date
    env.filters["json_script"] = json_script
    env.tests["web_url"] = is_web_url
    return env


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """The templates compiled once and kept in Jinja's folder for this user in the temporary
    directory: compiling them in every build cost more than the rest of publishing an edition
    (docs/performance.md). Jinja compiles a template again when its source changed."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        # A full disk costs a compilation next time, not the build.
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _compiled_templates() -> jinja2.BytecodeCache | None:
    try:
        return _CompiledTemplates()
    except (OSError, RuntimeError):  # Jinja finds no folder in the temporary directory it trusts
        return None


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def article_html(edition: Edition) -> str:
    """The full text as an HTML fragment: teaser, subheadings, paragraphs (for content:encoded)."""
    return render("article.html", edition=edition)


def clock(seconds: float) -> str:
    """12.3 → "0:12", 3725 → "1:02:05": a time as a player shows it."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes_, secs = divmod(rest, 60)
    return f"{hours}:{minutes_:02d}:{secs:02d}" if hours else f"{minutes_}:{secs:02d}"


def minutes(seconds: float) -> str:
    """A duration in words for listings: "2 Min.", "unter 1 Min."."""
    rounded = round(seconds / 60)
    return f"{rounded} Min." if rounded else "unter 1 Min."


def megabytes(size: int) -> str:
    """2_134_567 → "2,1 MB": a file size as German text writes it."""
    return f"{german_number(size / 1e6, 1)} MB"


def german_number(value: float, decimals: int = 0) -> str:
    """1234.5 → "1.234,5": a decimal comma, and points between thousands."""
    english = f"{value:,.{decimals}f}"
    return english.translate(str.maketrans(",.", ".,"))


def german_date(edition: Edition) -> str:
    return written_moment(edition.published)


def is_web_url(url: str | None) -> bool:
    """Only http(s) links reach a page: a `javascript:` URL in front matter must not."""
    return bool(url) and url.lower().startswith(("https://", "http://"))


def json_script(data: Any) -> Markup:
    """JSON safe inside <script>: `<`, `>` and `&` as \\u escapes so text cannot close the tag."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return Markup(text)
