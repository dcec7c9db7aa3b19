"""Voice: a `Script` read aloud by an engine, its takes laid out between their pauses into a
`Timeline` (the programme's samples and the time of every sentence and chapter)."""
