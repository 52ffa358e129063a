"""How a learner's reading preferences become CSS.

The choices live on the User model; this module only knows what each choice
looks like on screen. Pages read the result as CSS custom properties on <html>,
so one stylesheet serves every combination and no page needs to know.
"""

from dataclasses import dataclass

from .models import User

FONT_STACKS = {
    User.Font.LEXEND: '"Lexend", "Atkinson Hyperlegible", Verdana, sans-serif',
    User.Font.ATKINSON: '"Atkinson Hyperlegible", "Lexend", Verdana, sans-serif',
    User.Font.OPENDYSLEXIC: '"OpenDyslexic", "Lexend", Verdana, sans-serif',
}
TEXT_SIZES = {User.TextSize.MEDIUM: "18px", User.TextSize.LARGE: "20px", User.TextSize.EXTRA_LARGE: "24px"}
LETTER_SPACING = {User.Spacing.NORMAL: "0.02em", User.Spacing.WIDE: "0.05em", User.Spacing.WIDER: "0.1em"}
WORD_SPACING = {User.Spacing.NORMAL: "0.08em", User.Spacing.WIDE: "0.16em", User.Spacing.WIDER: "0.3em"}
LINE_HEIGHT = {User.Spacing.NORMAL: "1.5", User.Spacing.WIDE: "1.7", User.Spacing.WIDER: "2"}

# Each tint: page background, card surface, text, softer text, accent, text on accent, border.
# Text contrast on every tint is above WCAG AA (checked in tests/test_preferences.py).
PALETTES = {
    User.Background.CREAM: ("#fbf5e6", "#fffdf7", "#2b2a26", "#55524a", "#1f5f8b", "#ffffff", "#d9cfb8"),
    User.Background.PEACH: ("#fde9dc", "#fff6f0", "#2e2722", "#5a4d44", "#8a3b12", "#ffffff", "#e3c6b3"),
    User.Background.MINT: ("#e4f3ea", "#f5fbf7", "#1f2b25", "#46574d", "#1d6347", "#ffffff", "#bcd9c8"),
    User.Background.SKY: ("#e3eef8", "#f5f9fd", "#1f2630", "#44505e", "#1c4f80", "#ffffff", "#bdd0e3"),
    User.Background.GREY: ("#ececea", "#f8f8f6", "#262626", "#4f4f4d", "#3b5566", "#ffffff", "#cfcfcb"),
    User.Background.DARK: ("#22252b", "#2c3038", "#ece6d6", "#c2bcae", "#f2c46d", "#22252b", "#4a505c"),
}

FIELDS = ("font", "text_size", "letter_spacing", "word_spacing", "line_spacing", "background", "line_focus")


@dataclass(frozen=True)
class ReadingStyle:
    font: str
    text_size: str
    letter_spacing: str
    word_spacing: str
    line_spacing: str
    background: str
    line_focus: str

    @classmethod
    def default(cls) -> "ReadingStyle":
        return cls(**{name: User._meta.get_field(name).default for name in FIELDS})

    @classmethod
    def for_user(cls, user) -> "ReadingStyle":
        if not getattr(user, "is_authenticated", False):
            return cls.default()
        return cls(**{name: getattr(user, name) for name in FIELDS})

    @property
    def css_variables(self) -> str:
        return "; ".join(
            [
                f"--reading-font: {FONT_STACKS[self.font]}",
                f"--text-size: {TEXT_SIZES[self.text_size]}",
                f"--letter-spacing: {LETTER_SPACING[self.letter_spacing]}",
                f"--word-spacing: {WORD_SPACING[self.word_spacing]}",
                f"--line-height: {LINE_HEIGHT[self.line_spacing]}",
                *self._colour_variables(),
            ]
        )

    def _colour_variables(self) -> list[str]:
        names = ("bg", "surface", "text", "muted", "accent", "on-accent", "border")
        return [f"--{name}: {value}" for name, value in zip(names, PALETTES[self.background], strict=True)]

    @property
    def is_dark(self) -> bool:
        return self.background == User.Background.DARK
