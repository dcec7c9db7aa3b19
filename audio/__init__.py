"""audio-edition: German newspaper commentaries as narrated, mastered and published audio editions."""

__version__ = "0.1.0"
