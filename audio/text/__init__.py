"""Text: an article file → an `Article` (readers) → spoken German (speech) → a `Script` of
sentences, pauses and chapters. Pure: nothing here touches audio or the output folder."""
