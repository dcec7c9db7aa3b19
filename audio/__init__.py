"""audio-edition: German newspaper commentaries as narrated, mastered, published audio editions."""

import warnings

__version__ = "0.1.0"

# pydub looks for ffmpeg on PATH when imported; audio.ffmpeg points it at the right binary.
warnings.filterwarnings("ignore", "Couldn't find ffmpeg or avconv", RuntimeWarning)
