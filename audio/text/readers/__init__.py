"""Readers turn one file format into an `Article`; they never touch audio or the output folder."""
