"""What the raw reader cuts from an article before it reads the layout, each cut told by line:
page furniture and captions repeated without their credit, section labels, agency tags, the
initials after the last sentence, the place and agency mark before the first, and a press
release's contact block."""

from __future__ import annotations

from audio.text.readers.fields import (
    Block,
    is_headline,
    is_label,
    is_name,
    parse_agency,
    split_closing_tag,
    split_lead_in,
)
from audio.text.readers.furniture import (
    CAPTION,
    caption_text,
    furniture,
    opens_footer,
    quoted,
)
from audio.text.readers.header import Field, read_field

# Short last lines that are a closing words' greeting, not a name: "Frohe Weihnachten".
_NOT_SIGNATURES = {"frohe", "gute", "schöne", "viel", "vielen", "ihr", "ihre", "mehr", "weitere"}


def without_furniture(blocks: list[Block], notes: list[str]) -> list[Block]:
    """The blocks without page furniture, and without a caption's text where a page repeats
    it without its credit beside the captioned one."""
    kept, captions = [], set()
    for block in blocks:
        kind = furniture(block.text)
        if kind is None:
            kept.append(block)
            continue
        notes.append(f"line {block.line}: {kind} is not read: {quoted(block.text)}")
        if kind == CAPTION:
            captions.add(caption_text(block.text))
    for block in [b for b in kept if b.text in captions]:
        notes.append(f"line {block.line}: {CAPTION} is not read: {quoted(block.text)}")
    return [block for block in kept if block.text not in captions]


def without_footer(body: list[Block], notes: list[str]) -> list[Block]:
    at, kind = next(
        ((i, kind) for i, block in enumerate(body) if i > 0 and (kind := opens_footer(block.text))),
        (None, None),
    )
    if at is None:
        return body
    notes.append(f"lines {body[at].line}-{_last_line(body)}: {kind} is not read")
    return body[:at]


def _last_line(blocks: list[Block]) -> int:
    return blocks[-1].line


def without_labels(blocks: list[Block], notes: list[str]) -> list[Block]:
    """The blocks without section labels (`Kommentar` above the headline or under the text):
    the intro says what the piece is."""
    for block in blocks:
        if is_label(block.text):
            notes.append(f"line {block.line}: the label {block.text!r} is not read")
    return [block for block in blocks if not is_label(block.text)]


def without_closing_tag(
    body: list[Block], notes: list[str]
) -> tuple[list[Block], list[tuple[int, str]]]:
    """The body without the initials, agency or link after its last sentence (`… gehen. (fpr)`)."""
    if not body:
        return body, []
    last = body[-1]
    text, tag = split_closing_tag(last.text)
    if tag is None:
        return body, []
    cut = [*body[:-1], Block(last.line, text)]
    if agency := parse_agency(tag):
        return cut, [(last.line, agency)]
    if tag.startswith("/"):
        what = f"the wire's desk codes {tag!r} are"
    elif tag.startswith(("http", "www.")):
        what = f"the link {tag!r} after the last sentence is"
    else:
        what = f"the editor's initials {f'({tag})'!r} are"
    notes.append(f"line {last.line}: {what} not read")
    return cut, []


def without_signature(body: list[Block], notes: list[str]) -> tuple[list[Block], str | None]:
    """The body without the author's name signed under its last sentence (`Anna Beispiel`,
    `Von Anna Beispiel`), and that name: the byline when the header has none."""
    if len(body) < 2 or not body[-2].text.rstrip("“”\"'»«)").endswith((".", "!", "?")):
        return body, None
    last = body[-1]
    field = read_field(last.text)
    author = field.author if field else None
    words = last.text.split()
    if author is None and is_name(last.text) and words[0].lower() not in _NOT_SIGNATURES:
        author = " ".join(words)
    if author is None:
        return body, None
    notes.append(f"line {last.line}: the author's name under the text is not read: {author!r}")
    return body[:-1], author


def without_agency_tags(blocks: list[Block]) -> tuple[list[Block], list[tuple[int, str]]]:
    """The blocks without lines that only name an agency (`(dpa)`), and those agencies by
    line."""
    kept, tags = [], []
    for block in blocks:
        agency = parse_agency(block.text)
        if agency:
            tags.append((block.line, agency))
        else:
            kept.append(block)
    return kept, tags


def without_lead_in(
    blocks: list[Block], fields: dict[int, Field], notes: list[str]
) -> tuple[list[Block], list[tuple[int, str]]]:
    """The blocks with the first paragraph of text without the place and agency mark before its
    first sentence (`Berlin (dpa) - `), and that agency. A headline above it may carry an
    agency's mark too (a wire's headline line), never a mere place (`Ettlingen - Radfahrer …`)."""
    at, lead_in, prose = None, None, 0
    for index in (i for i in range(len(blocks)) if i not in fields):
        lead_in = split_lead_in(blocks[index].text)
        prose += not is_headline(blocks[index].text)
        if lead_in and (lead_in.agency or prose):
            at = index
            break
        if prose == 2:  # the teaser and the first paragraph: a mark stands in one of them
            break
    if at is None or lead_in is None:
        return blocks, []
    first = blocks[at]
    notes.append(f"line {first.line}: the place and agency mark {lead_in.mark!r} is not read")
    agency = [(first.line, lead_in.agency)] if lead_in.agency else []
    return [*blocks[:at], Block(first.line, lead_in.rest), *blocks[at + 1 :]], agency
