"""What a news page carries around an article that a listener must never hear: photo credits and
captions, links to other articles ("Lesen Sie auch"), share buttons and page labels, newsletter and
paywall prompts, and the contact block under a press release. The raw reader drops such lines and
says so; the importer (audio/web/) drops them from the text it extracts.

Each pattern matches a whole paragraph (or its start, where that is unambiguous), so that a
sentence which merely mentions a photo or a newsletter stays.
"""

from __future__ import annotations

import re

from audio.text.readers.fields import AGENCY, parse_agency

CONSENT = "a cookie or consent notice"
NAVIGATION = "a breadcrumb trail"
CREDIT = "a photo credit"
CAPTION = "an image caption"
LINK = "a link to another article"
BUTTON = "a share button or page label"
PROMPT = "a newsletter or subscription prompt"

_CREDIT_LABEL = (
    r"(?:Fotos?|Bild(?:er|quelle|rechte)?|Quelle|Copyright|Grafik|Illustration|Archiv(?:foto|bild)"
    r"|Symbol(?:foto|bild)|Titel(?:foto|bild)|Foto/Quelle|Fotograf(?:in)?|Credits?|Video)"
)
_PHOTO_AGENCY = (
    rf"(?:{AGENCY}|imago(?:\s+images)?|picture[\s-]alliance|Getty\s+Images|AP\s+Photo"
    r"|Shutterstock|iStock(?:photo)?|Colourbox(?:\.de)?|Fotolia|Adobe\s+Stock|Unsplash)"
)
_CAPTION_CREDIT = re.compile(
    r"(?:\b(?:Fotos?|Bild(?:rechte)?|Grafik)\s*:\s*|©\s*"
    rf"|\({_CREDIT_LABEL}\s*:\s*)[^!?:]{{0,80}}[^.!?:\s]\)?$"
)
"""The credit at the end of a caption."""
_RULES: tuple[tuple[str, re.Pattern[str], int], ...] = (
    # What a site shows in place of the article until cookies are accepted; only by how such
    # notices begin, so that a commentary about cookie banners stays.
    (
        CONSENT,
        re.compile(
            r"^(?:Weiter mit (?:Tracking|Werbung|dem \w+-Abo)|Einwilligung:|Tracking durch Dritte"
            r"|Externe Inhalte:|Zum Angebot\b|Bereits \w+-Abonnent"
            r"|(?:Alle )?(?:akzeptieren|zustimmen)(?: und weiter)?$"
            r"|Wir (?:und unsere Partner )?(?:verwenden|nutzen) Cookies"
            r"|Diese (?:Website|Seite) (?:verwendet|nutzt) Cookies|Besuchen Sie unsere Website mit"
            r"|Nutzen Sie unser Angebot ohne|Durch das Klicken)",
            re.I,
        ),
        1200,
    ),
    # "Startseite > Politik > Deutschland", a lone ">" of a scraped breadcrumb list.
    # and the numbered list a browser copies it as ("1. MZ.de 2. > 3. Lokal 4. > …").
    (
        NAVIGATION,
        re.compile(
            r"^(?:\d+\.)?\s*[>»›]\s*$|^[^.!?>]+(?:\s[>›»]\s[^.!?>]+){2,}$"
            r"|^\d+\.\s.*\b\d+\.\s*[>»›](?:\s.*\b\d+\.\s*[>»›])+"
        ),
        400,
    ),
    # "Foto: dpa", "© picture alliance / dpa", "Symbolbild", "Bildrechte: MDR".
    (CREDIT, re.compile(rf"^\(?(?:©|\(c\)\s|{_CREDIT_LABEL}\s*:|Symbol(?:foto|bild)$)", re.I), 160),
    # "dpa/Matthias Balk", "imago images/Sven Simon", "picture alliance / dpa": an agency and
    # its photographer ("dpa/lno" names the agency's regional desk: an agency tag).
    (
        CREDIT,
        re.compile(rf"^(?i:{_PHOTO_AGENCY})(?:\s*/\s*(?:[A-ZÄÖÜ][\w. -]+|(?i:{AGENCY})))+$"),
        80,
    ),
    # "Der Minister in Kiew. Foto: Jan Woitas/dpa", "… (Quelle: dpa/Matthias Balk)",
    # "… (Grafik: Tobias Muster)".
    (CAPTION, _CAPTION_CREDIT, 400),
    (
        PROMPT,
        re.compile(
            r"^(?:Jetzt (?:weiterlesen|abonnieren|testen|registrieren|anmelden|kostenlos)"
            r"|Hier (?:abonnieren|anmelden|registrieren)|Newsletter\b"
            r"|.{0,80}\b(?:Melden Sie sich|Abonnieren Sie|Bestellen Sie)\b.*\bNewsletter"
            r"|.{0,120}\bNewsletter\b.{0,40}\b(?:abonnieren|bestellen|anmelden)\b"
            r"|Sie haben bereits ein (?:\w+-)?Abo|Bereits Abonnent"
            r"|Dieser (?:Artikel|Beitrag|Inhalt) ist (?:nur |exklusiv )*für (?:Abonnent|zahlende)"
            r"|Dieser (?:Artikel|Beitrag) gehört zum Angebot von"
            r"|Exklusiv für Abonnent|Um (?:diesen|den) (?:Artikel|Beitrag) (?:zu lesen|lesen zu)"
            r"|Weiterlesen mit|Lesen Sie (?:jetzt )?(?:weiter )?mit\b"
            r"|Mit (?:SZ Plus|SPIEGEL\+|F\+|Z\+)|Alle Artikel lesen"
            r"|.*\b(?:Probeabo|Abo abschließen))",
            re.I,
        ),
        300,
    ),
    (
        LINK,
        re.compile(
            r"^[»>→▶•]?\s*(?:Lesen Sie (?:auch|mehr|dazu|hier|weiter)|Lesetipps?|Mehr zum Thema"
            r"|Mehr dazu|Mehr lesen|Auch interessant|Das könnte Sie (?:auch )?interessieren"
            r"|Passend zum Thema|Empfehlungen? der Redaktion|Weitere Artikel|Weiterlesen"
            r"|Zum Weiterlesen|Siehe auch)\b"
            r"|^(?:Zum Thema|Weitere Informationen|Mehr Infos|Mehr Informationen"
            r"|Links? zum Thema|Dazu passend)\s*(?::|$)",
            re.I,
        ),
        300,
    ),
)
_BUTTONS = frozenset({
    "teilen", "teilen:", "artikel", "drucken", "kommentare", "kommentieren", "merken", "anzeige",
    "werbung", "startseite", "zur", "nach", "oben", "zum", "seitenanfang", "anhören", "vorlesen",
    "link", "kopieren", "feedback", "mehr", "schließen", "facebook", "twitter", "whatsapp",
    "e-mail", "email", "messenger", "pocket", "flipboard", "linkedin", "xing", "threads",
    "bluesky", "mastodon", "telegram", "bildergalerie", "galerie", "fotostrecke", "video", "audio",
    "abspielen",
})  # fmt: skip
# Labels a broadcaster's or portal's page sets under the text.
_PAGE_LABEL = re.compile(
    r"^(?:Dieses Thema im Programm:|Hier geht es zur Originalquelle|Zur Startseite|Mehr Nachrichten"
    r" aus\b|Diskutieren Sie mit|Kommentare lesen\b|(?:Inhalt\s+)?Artikel auf einer Seite lesen"
    r"|Vorherige Seite|Nächste Seite|Seite \d+ von \d+$"
    r"|(?:Lesezeit|Lesedauer)\s*:?\s*(?:ca\.\s*)?\d+\s*Min(?:\.|uten)?$"
    r"|\d+\s*Min(?:\.|uten)?\s+(?:Lesezeit|Lesedauer)$)",
    re.I,
)
_COUNT = re.compile(r"^(?:\d+\s+(?:Kommentare?|Bild(?:er)?|Fotos?)|Kommentare?\s*\(\d+\))$", re.I)
_FOOTER = re.compile(
    r"^(?:Rückfragen(?: bitte)? an|Pressekontakt|Medienkontakt|Original-Content von"
    r"|Kontakt für Rückfragen|Für Rückfragen|Ansprechpartner(?:in)?\s*:|Pressestelle\s*:)",
    re.I,
)
FOOTER = "the contact block under a press release"
# "Zur SZ-Startseite": a news site's link back home, below which it lists other articles.
_PAGE_END = re.compile(r"^Zur (?:[\w-]+-)?Startseite$", re.I)
PAGE_END = "what the page lists below the article"


def furniture(block: str) -> str | None:
    """What kind of page furniture the paragraph `block` is (`CREDIT`, `LINK` …), or None if it
    is article text."""
    text = " ".join(block.split())
    if parse_agency(text):
        return None
    for kind, pattern, longest in _RULES:
        if len(text) <= longest and pattern.search(text):
            return kind
    if _is_buttons(text):
        return BUTTON
    return None


def _is_buttons(text: str) -> bool:
    words = re.split(r"[\s|·•/]+", text.lower().strip(" |·•"))
    if len(text) > 160:
        return False
    return bool(_PAGE_LABEL.match(text)) or (
        len(text) <= 80 and (all(w in _BUTTONS for w in words) or bool(_COUNT.match(text)))
    )


def caption_text(caption: str) -> str:
    """A caption without its credit: `Der Minister. Foto: dpa` → `Der Minister.`"""
    match = _CAPTION_CREDIT.search(caption)
    return " ".join(caption[: match.start()].split()) if match else caption


QUOTE_MAX = 60
"""Characters of a left-out line quoted in a warning."""


def quoted(text: str) -> str:
    """`text` for a warning: in quotes, cut with an ellipsis when long."""
    return repr(text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1] + "…")


def opens_footer(block: str) -> str | None:
    """What the paragraph opens, when it and all after it are no part of the article: the
    contact block a press release ends with (FOOTER), or the page's list of other articles
    (PAGE_END)."""
    text = block.strip()
    if _FOOTER.match(text):
        return FOOTER
    return PAGE_END if _PAGE_END.match(text) else None
