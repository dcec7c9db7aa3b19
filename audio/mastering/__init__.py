"""Mastering: a `Timeline` → MP3 renditions at their loudness and true-peak ceiling, encoded a
segment at a time and joined under one header; intro and outro music around the voice."""
