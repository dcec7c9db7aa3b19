"""What Apple Podcasts accepts in the settings: its category list and show types.

Kept free of heavy imports: the settings are checked on every build, also when nothing changed.
"""

from __future__ import annotations

from collections.abc import Iterator

from audio.settings import Settings

# Apple Podcasts categories and their subcategories (podcasts.apple.com genre list, 2019 revision).
APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": (
        "Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit",
    ),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": (
        "Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality",
    ),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
        "Home & Garden", "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
        "Sports News", "Tech News",
    ),
    "Religion & Spirituality": (
        "Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality",
    ),
    "Science": (
        "Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
        "Natural Sciences", "Nature", "Physics", "Social Sciences",
    ),
    "Society & Culture": (
        "Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships",
    ),
    "Sports": (
        "Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey",
        "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness",
        "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}  # fmt: skip
PODCAST_TYPES = ("episodic", "serial")


def apple_problems(settings: Settings) -> Iterator[str]:
    """Each setting Apple would reject the feed for, as a sentence naming the setting."""
    category, sub = settings.category, settings.subcategory
    if category and category not in APPLE_CATEGORIES:
        yield (
            f"category {category!r} is not an Apple Podcasts category; "
            f"choose one of: {', '.join(APPLE_CATEGORIES)}"
        )
    elif sub and sub not in APPLE_CATEGORIES.get(category, ()):
        allowed = ", ".join(APPLE_CATEGORIES.get(category, ())) or 'none ("")'
        yield (
            f"subcategory {sub!r} is not one of Apple's subcategories of "
            f"{category or 'no category'}: {allowed}"
        )
    if settings.podcast_type not in PODCAST_TYPES:
        yield f"podcast_type {settings.podcast_type!r} must be one of: {', '.join(PODCAST_TYPES)}"
