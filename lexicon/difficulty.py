"""The one estimate of how hard a word is to read and say, from 1 (easy) to 10.

A transparent rule of thumb staff can reason about: each term is a known source
of difficulty for dyslexic readers (more beats, longer sound chains, spellings
that don't map letter-for-sound, rare words, b/d/p/q, vowel teams). Every caller
(word details, lookups, the recommender, the explorer) asks ``estimate``; a
trained model can later stand behind the same function.
"""

CONFUSABLE_LETTERS = set("bdpq")
VOWEL_LETTERS = set("aeiouy")


def estimate(text: str, phonemes, syllables, frequency: float) -> float:
    text = text.lower()
    score = 1.0
    score += 0.9 * max(0, len(syllables) - 1)  # more beats to hold in mind
    score += 0.25 * max(0, len(phonemes) - 3)  # longer sound chains
    if phonemes:
        # Letters that don't map one-to-one onto sounds (silent e, "ough", digraphs).
        score += 0.35 * abs(len(text) - len(phonemes))
    score += 0.45 * max(0.0, 6.0 - frequency)  # rare words are harder to recognise
    score += 0.5 * sum(1 for letter in text if letter in CONFUSABLE_LETTERS)
    vowel_runs = sum(
        1 for a, b in zip(text, text[1:], strict=False) if a in VOWEL_LETTERS and b in VOWEL_LETTERS
    )
    score += 0.4 * vowel_runs  # vowel teams hide which sound to say
    return round(min(10.0, max(1.0, score)), 1)
