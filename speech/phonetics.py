"""Which sound went wrong: phoneme alignment with sound-similarity costs.

``compare(target, heard)`` aligns the CMUdict phonemes of the two words (weighted
Levenshtein: a swap between similar sounds costs less than one between unrelated
sounds) and returns the differences with their place in the target word (start,
middle, end).  ``describe`` turns the first difference into one short sentence a
child can act on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .sounds import VOWELS, phonemes, same_group, sound_example, sound_name


@dataclass(frozen=True)
class SoundDifference:
    kind: str  # "swap" (a different sound), "missing" (left out), "extra" (added)
    position: str  # "start", "middle" or "end" of the target word
    expected: str | None  # ARPAbet sound in the target (None for "extra")
    heard: str | None  # ARPAbet sound heard (None for "missing")

    @property
    def expected_name(self) -> str | None:
        return sound_name(self.expected) if self.expected else None

    @property
    def heard_name(self) -> str | None:
        return sound_name(self.heard) if self.heard else None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["expected_name"] = self.expected_name
        data["heard_name"] = self.heard_name
        return data


def substitution_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if same_group(a, b):
        return 0.5
    if (a in VOWELS) != (b in VOWELS):
        return 1.6
    return 1.0


def align(
    target: list[str] | tuple[str, ...], heard: list[str] | tuple[str, ...]
) -> list[tuple[str | None, str | None]]:
    """Minimum-cost alignment as pairs (target sound or None, heard sound or None)."""
    n, m = len(target), len(heard)
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        cost[i][0] = float(i)
    for j in range(1, m + 1):
        cost[0][j] = float(j)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i][j] = min(
                cost[i - 1][j - 1] + substitution_cost(target[i - 1], heard[j - 1]),
                cost[i - 1][j] + 1.0,
                cost[i][j - 1] + 1.0,
            )
    pairs: list[tuple[str | None, str | None]] = []
    i, j = n, m
    while i > 0 or j > 0:
        if (
            i > 0
            and j > 0
            and cost[i][j] == cost[i - 1][j - 1] + substitution_cost(target[i - 1], heard[j - 1])
        ):
            pairs.append((target[i - 1], heard[j - 1]))
            i, j = i - 1, j - 1
        elif i > 0 and cost[i][j] == cost[i - 1][j] + 1.0:
            pairs.append((target[i - 1], None))
            i -= 1
        else:
            pairs.append((None, heard[j - 1]))
            j -= 1
    pairs.reverse()
    return pairs


def _position(index: int, length: int) -> str:
    if index <= 0:
        return "start"
    if index >= length - 1:
        return "end"
    return "middle"


def compare(target: str, heard: str) -> list[SoundDifference]:
    """Sound differences between the target word and the word heard (empty if unknown)."""
    t_ph, h_ph = phonemes(target), phonemes(heard)
    if not t_ph or not h_ph:
        return []
    differences: list[SoundDifference] = []
    t_index = 0
    for expected, got in align(t_ph, h_ph):
        if expected is not None and got is not None:
            if expected != got:
                differences.append(SoundDifference("swap", _position(t_index, len(t_ph)), expected, got))
            t_index += 1
        elif expected is not None:
            differences.append(SoundDifference("missing", _position(t_index, len(t_ph)), expected, None))
            t_index += 1
        else:
            differences.append(SoundDifference("extra", _position(t_index, len(t_ph)), None, got))
    return differences


def is_reversal(target: str, heard: str) -> bool:
    """``heard`` is ``target`` read backwards (was/saw, top/pot), by letters or by sounds."""
    t, h = target.lower(), heard.lower()
    if t != h and len(t) > 1 and t == h[::-1]:
        return True
    t_ph, h_ph = phonemes(t), phonemes(h)
    return bool(t_ph) and len(t_ph) > 1 and t_ph != h_ph and tuple(reversed(t_ph)) == tuple(h_ph)


def _sound(phone: str) -> str:
    return f"the /{sound_name(phone)}/ sound"


def _example(phone: str, *words: str) -> str:
    # Never explain a word by itself ("/a/, as in 'cat'" for cat) or by the word misread.
    example = sound_example(phone)
    return f", as in '{example}'" if example and example not in words else ""


def describe(target: str, heard: str, differences: list[SoundDifference], *, name_heard: bool = True) -> str:
    """One or two short sentences for a child about what to change.

    ``name_heard=False`` leaves the heard word out (used for words not fit for children).
    """
    opening = f"It sounded like '{heard}'." if name_heard else "That didn't sound quite right."
    if is_reversal(target, heard):
        first = phonemes(target)[0] if phonemes(target) else None
        if first:
            return (
                f"{opening} The word '{target}' starts with {_sound(first)}{_example(first, target, heard)}. "
                "Read it from left to right."
            )
        return f"{opening} Read '{target}' from left to right."
    if not differences:
        return f"{opening} Listen to '{target}' again and have another go."
    diff = differences[0]
    if diff.kind == "swap":
        sound, example = _sound(diff.expected), _example(diff.expected, target, heard)
        if diff.position == "start":
            return f"{opening} The word '{target}' starts with {sound}{example}."
        if diff.position == "end":
            return f"{opening} The word '{target}' ends with {sound}{example}."
        return f"{opening} The middle of '{target}' has {sound}{example}."
    if diff.kind == "missing":
        where = {"start": "at the start", "middle": "in the middle", "end": "at the end"}[diff.position]
        example = _example(diff.expected, target, heard)
        return f"{opening} Don't forget {_sound(diff.expected)} {where} of '{target}'{example}."
    example = _example(diff.heard, target, heard)
    return f"{opening} There is no /{sound_name(diff.heard)}/ sound in '{target}'{example}."
