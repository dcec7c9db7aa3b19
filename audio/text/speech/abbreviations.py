"""Abbreviations: "z. B." → zum Beispiel, "Dr." → Doktor, "der sog. Plan" → der sogenannte Plan.

Engines spell "z. B." or stop after its first dot. Written with or without the space ("z.B."),
at a sentence start capitalised ("Z. B."). Months ("Jan.") belong to dates, units ("Std." after
a number) to measures, "Mio." after a number to the number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from audio.text.speech import context, grammar

ABBREVIATIONS = {
    # Phrases.
    "z. B.": "zum Beispiel", "z. T.": "zum Teil", "z. Zt.": "zurzeit", "z. Z.": "zurzeit",
    "zz.": "zurzeit", "zzt.": "zurzeit", "z. Hd.": "zu Händen", "d. h.": "das heißt",
    "d. J.": "dieses Jahres", "d. M.": "dieses Monats", "u. a.": "unter anderem",
    "u. a. m.": "und anderes mehr", "u. v. m.": "und vieles mehr", "u. Ä.": "und Ähnliches",
    "u. ä.": "und Ähnliches", "o. Ä.": "oder Ähnliches", "o. ä.": "oder Ähnliches",
    "u. U.": "unter Umständen", "u. E.": "unseres Erachtens", "m. E.": "meines Erachtens",
    "m. W.": "meines Wissens", "i. d. R.": "in der Regel", "i. A.": "im Auftrag",
    "i. V.": "in Vertretung", "i. Allg.": "im Allgemeinen", "i. e. S.": "im engeren Sinne",
    "i. w. S.": "im weiteren Sinne", "i. R.": "im Ruhestand", "a. D.": "außer Dienst",
    "a. a. O.": "am angegebenen Ort", "v. a.": "vor allem", "v. Chr.": "vor Christus",
    "n. Chr.": "nach Christus", "v. u. Z.": "vor unserer Zeitrechnung",
    "n. u. Z.": "nach unserer Zeitrechnung", "s. o.": "siehe oben", "s. u.": "siehe unten",
    "o. J.": "ohne Jahr", "e. V.": "eingetragener Verein", "h. c.": "honoris causa",
    "a. M.": "am Main", "a. d.": "an der", "i. Br.": "im Breisgau", "a. Rh.": "am Rhein",
    "Anm. d. Red.": "Anmerkung der Redaktion", "d. Red.": "der Redaktion",
    "p. a.": "pro Jahr", "p. P.": "pro Person", "v. l. n. r.": "von links nach rechts",
    # Match reports: a result after extra time or penalties ("2:1 n. V.", "5:4 i. E.").
    "n. V.": "nach Verlängerung", "n. E.": "nach Elfmeterschießen",
    "i. E.": "im Elfmeterschießen",
    # Words. "zirka", Duden's other spelling: espeak-ng reads "circa" as "kirka", and "cetera"
    # as "ketera" (espeak-ng -x: k'e:te:R,A:); "zetera" is how both engines say it right.
    "bzw.": "beziehungsweise", "usw.": "und so weiter", "usf.": "und so fort",
    "etc.": "et zetera", "ca.": "zirka", "evtl.": "eventuell", "ggf.": "gegebenenfalls",
    "ggfs.": "gegebenenfalls", "inkl.": "inklusive", "incl.": "inklusive", "exkl.": "exklusive",
    "zzgl.": "zuzüglich", "abzgl.": "abzüglich", "vgl.": "vergleiche", "bspw.": "beispielsweise",
    "bzgl.": "bezüglich", "insb.": "insbesondere", "insbes.": "insbesondere",
    "einschl.": "einschließlich", "entspr.": "entsprechend", "gem.": "gemäß",
    "ggü.": "gegenüber", "lt.": "laut", "max.": "maximal", "mind.": "mindestens",
    "mtl.": "monatlich", "jährl.": "jährlich", "tägl.": "täglich", "tgl.": "täglich",
    "wöchentl.": "wöchentlich", "näml.": "nämlich", "rd.": "rund", "u.": "und", "v.": "von",
    "b.": "bei", "zw.": "zwischen", "zus.": "zusammen", "urspr.": "ursprünglich",
    "nachm.": "nachmittags", "dgl.": "dergleichen", "ebd.": "ebenda", "f.": "folgende",
    "ff.": "fortfolgende", "s.": "siehe", "allg.": "allgemein", "betr.": "betreffend",
    "bes.": "besonders", "eigtl.": "eigentlich", "gegr.": "gegründet", "geb.": "geboren",
    "gest.": "gestorben", "verh.": "verheiratet", "verw.": "verwitwet", "zit.": "zitiert",
    "übers.": "übersetzt", "gez.": "gezeichnet", "hrsg.": "herausgegeben", "vs.": "versus",
    "engl.": "englisch", "frz.": "französisch", "franz.": "französisch",
    "ital.": "italienisch", "span.": "spanisch", "russ.": "russisch", "lat.": "lateinisch",
    "griech.": "griechisch", "Chr.": "Christus",
    # Nouns and titles.
    "Hrsg.": "Herausgeber", "Hg.": "Herausgeber", "Anm.": "Anmerkung", "Abb.": "Abbildung",
    "Tab.": "Tabelle", "Abt.": "Abteilung", "Adr.": "Adresse", "Az.": "Aktenzeichen",
    "Bhf.": "Bahnhof", "Hbf.": "Hauptbahnhof", "Bsp.": "Beispiel", "Betr.": "Betreff",
    "Bez.": "Bezirk", "Dir.": "Direktor", "Einw.": "Einwohner", "Fa.": "Firma",
    "Fam.": "Familie", "Forts.": "Fortsetzung", "Gde.": "Gemeinde", "Ges.": "Gesellschaft",
    "Gebr.": "Gebrüder", "Inh.": "Inhaber", "Jh.": "Jahrhundert", "Jhd.": "Jahrhundert",
    "Jhs.": "Jahrhunderts", "Jg.": "Jahrgang", "Kfm.": "Kaufmann", "Kr.": "Kreis",
    "Lkr.": "Landkreis", "Mio.": "Millionen", "Mrd.": "Milliarden", "Tsd.": "Tausend",
    "Nr.": "Nummer", "Nrn.": "Nummern", "No.": "Nummer", "Pkt.": "Punkt",
    "Reg.-Bez.": "Regierungsbezirk", "Rep.": "Republik", "Stck.": "Stück", "Str.": "Straße",
    "Tel.": "Telefon", "Verf.": "Verfasser", "Vors.": "Vorsitzender", "Wwe.": "Witwe",
    "Ztg.": "Zeitung", "Dr.": "Doktor", "Dres.": "Doktores", "Prof.": "Professor",
    "Dipl.-Ing.": "Diplomingenieur", "Dipl.-Kfm.": "Diplomkaufmann", "Dipl.": "Diplom",
    "Ing.": "Ingenieur", "Mag.": "Magister", "Hr.": "Herr", "Hrn.": "Herrn", "Fr.": "Frau",
    "Frl.": "Fräulein", "St.": "Sankt", "Mr.": "Mister", "Mrs.": "Misses", "Ms.": "Miss",
    "Jr.": "Junior", "jun.": "junior", "sen.": "senior", "Co.": "Ko", "Inc.": "Incorporated",
    "Ltd.": "Limited", "Corp.": "Corporation", "Bde.": "Bände", "Aufl.": "Auflage",
    "Ausg.": "Ausgabe", "Ziff.": "Ziffer", "Rn.": "Randnummer", "Rz.": "Randziffer",
    "Buchst.": "Buchstabe", "Gen.": "General", "Präs.": "Präsident", "Stv.": "Stellvertreter",
    "MwSt.": "Mehrwertsteuer", "Mwst.": "Mehrwertsteuer", "Pfd.": "Pfund", "Ztr.": "Zentner",
    "Dtzd.": "Dutzend", "Std.": "Stunde", "Nachf.": "Nachfolger", "Slg.": "Sammlung",
    "Verl.": "Verlag", "Verw.": "Verwaltung", "Reg.": "Regierung", "Prov.": "Provinz",
    "Kt.": "Kanton", "Ggs.": "Gegensatz", "Anh.": "Anhang", "Beil.": "Beilage",
    "Bearb.": "Bearbeitung", "Kl.": "Klasse", "Ldkr.": "Landkreis", "Lk.": "Landkreis",
}  # fmt: skip

# Read only before a number: "S. 5" is a page, "Peter S." an initial, "eine neue Art." a word.
BEFORE_NUMBERS = {
    "S.": "Seite", "Art.": "Artikel", "Abs.": "Absatz", "Bd.": "Band", "Kap.": "Kapitel",
    "Sp.": "Spalte", "Z.": "Zeile", "Bl.": "Blatt", "Tz.": "Textziffer",
}  # fmt: skip

# Adjectives take the ending the context asks for ("der sogenannte", "einen ehemaligen").
ADJECTIVES = {
    "sog.": "sogenannt", "ehem.": "ehemalig", "stellv.": "stellvertretend",
    "stv.": "stellvertretend", "o. g.": "oben genannt", "dt.": "deutsch",
    "österr.": "österreichisch", "schweiz.": "schweizerisch", "amerik.": "amerikanisch",
    "europ.": "europäisch", "ev.": "evangelisch", "kath.": "katholisch", "hl.": "heilig",
}  # fmt: skip

# These may end a sentence. After the others, and after "Mio." or "Co." which precede nouns
# ("5 Mio. Euro", "Co. KG"), a capital letter starts no new sentence: German nouns have one.
SENTENCE_FINAL = {
    "usw.", "usf.", "etc.", "u. a. m.", "u. v. m.", "u. Ä.", "u. ä.", "o. Ä.", "o. ä.",
    "v. Chr.", "n. Chr.", "ff.", "f.", "Inc.", "Ltd.", "Corp.", "e. V.", "a. D.", "i. R.",
    "d. J.", "d. M.", "ebd.", "a. a. O.", "o. J.", "jun.", "sen.", "Jr.", "dgl.", "a. M.",
    "i. Br.", "a. Rh.",
}  # fmt: skip


def _capitalised(table: dict[str, str]) -> dict[str, str]:
    """Sentence-initial forms ("Z. B." → "Zum Beispiel"); single letters are initials there."""
    taken = ABBREVIATIONS.keys() | BEFORE_NUMBERS.keys() | ADJECTIVES.keys()
    return {
        key[0].upper() + key[1:]: spoken[0].upper() + spoken[1:]
        for key, spoken in table.items()
        if key[0].islower() and len(key) > 2 and key[0].upper() + key[1:] not in taken
    }


_WORDS = ABBREVIATIONS | _capitalised(ABBREVIATIONS)
_ADJECTIVES = ADJECTIVES | _capitalised(ADJECTIVES)


def _alternatives(keys: Iterable[str]) -> str:
    """One regex for all `keys`, longest first, a space after an inner dot optional."""
    ordered = sorted(keys, key=len, reverse=True)
    return "|".join(r"\.\s*".join(map(re.escape, key.split(". "))) for key in ordered)


def _compact(written: str) -> str:
    return re.sub(r"\s+", "", written)


_LOOKUP = {_compact(key): spoken for key, spoken in (_WORDS | BEFORE_NUMBERS).items()}
_ADJECTIVE_LOOKUP = {_compact(key): stem for key, stem in _ADJECTIVES.items()}
_FINAL = {_compact(key) for key in SENTENCE_FINAL}
# Any abbreviation whose dot ends no sentence: "Art." only before a number ("Art. 22"). One
# regex serves both finding the dots and reading: compiling it takes 5 ms of every build.
_ABBREVIATION = re.compile(
    rf"(?<![\w.])(?:({_alternatives(BEFORE_NUMBERS)})(?=\s*\d)|({_alternatives(_ADJECTIVES)})"
    rf"|({_alternatives(_WORDS)}))"
)


def inner_dots(text: str) -> set[int]:
    """Offsets just after the dots in `text` that end no sentence, being part of an abbreviation.

    Both dots of "z. B." and the dot of "Dr.", but not the last dot of "usw.".
    """
    offsets = set()
    for found in _ABBREVIATION.finditer(text):
        dots = [found.start() + i + 1 for i, char in enumerate(found[0]) if char == "."]
        if _compact(found[0]) in _FINAL:
            dots.pop()
        offsets.update(dots)
    return offsets


def read_abbreviations(text: str) -> str:
    return _ABBREVIATION.sub(_expand, text)


def _expand(match: re.Match[str]) -> str:
    key = _compact(match[0])
    if match[2]:
        following = context.next_word(context.after(match))
        ending = grammar.ending(context.before(match), following, bare="e")
        spoken = _ADJECTIVE_LOOKUP[key] + ending
    else:
        spoken = _LOOKUP[key]
    gap = " " if context.after(match)[:1].isalnum() else ""
    return spoken + gap + context.final_dot(match)
