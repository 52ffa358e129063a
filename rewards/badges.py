"""The badges: plain names, a one-line reason, and the picture for each.

A badge award's key says which badge it is: "first-word", "first-mastered",
"level:<order>", "mock-test:<order>", "days:<n>", "back:<date>", "sound:<ARPAbet>".
Pictures are Fluent Emoji Flat SVGs (MIT), vendored under static/vendor/fluent-emoji/.
"""

from dataclasses import dataclass

import speech

STREAK_BADGE_DAYS = (3, 7, 30)


@dataclass(frozen=True)
class Badge:
    key: str
    name: str
    reason: str
    icon: str  # a file under static/vendor/fluent-emoji/

    @property
    def icon_path(self) -> str:
        return f"vendor/fluent-emoji/{self.icon}.svg"


def badge_for(key: str) -> Badge:
    kind, _, detail = key.partition(":")
    if kind == "first-word":
        return Badge(key, "First word", "You said your first word.", "speaking-head")
    if kind == "first-mastered":
        return Badge(key, "First word mastered", "You mastered your first word.", "star")
    if kind == "level":
        return Badge(key, f"Level {detail} complete", f"You mastered every word in level {detail}.", "books")
    if kind == "mock-test":
        return Badge(
            key, f"Level {detail} test passed", f"You passed the mock test for level {detail}.", "trophy"
        )
    if kind == "days":
        return Badge(key, f"{detail} days", f"You practised on {detail} days in a row.", "fire")
    if kind == "back":
        return Badge(key, "Back after a break", "You came back to practise after a break.", "waving-hand")
    if kind == "sound":
        name = f"/{speech.sound_name(detail)}/"
        return Badge(key, f"Sound fixed: {name}", f"You can say {name} now.", "sparkles")
    return Badge(key, "Badge", "", "star")


ICONS = ("speaking-head", "star", "books", "trophy", "fire", "waving-hand", "sparkles", "glowing-star")
