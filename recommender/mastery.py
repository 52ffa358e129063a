"""What the app shows for a word: one rule, used by the pages and by the benchmark.

A word is reached "mastered" the first time a reading of it is judged right (score
≥ 70), and that is kept for the record (``WordProgress.first_mastered_at``). But
what the app SHOWS as mastered must be a word the learner still reads, or
"mastered" stops meaning anything (issue 15's false mastery):

* **mastered** — mastered once, its last reading was judged right, and FSRS
  expects it still recalled (retrievability ≥ ``memory.DESIRED_RETENTION``);
* **to review** — mastered once, but its last reading was judged wrong or FSRS
  says it is due: shown as "time to review", not as mastered;
* **learning** — read, never judged right; **new** — never read.

The mock test opens on the share of a level's words shown as mastered (≥ 80 %),
so "mastered" means one thing everywhere. Being due for review therefore closes
it too: the test should come while the words are fresh, and it costs little —
the policy puts due reviews first, so a learner back from a break reads the
faded words again and the test opens again.
"""

from __future__ import annotations

import numpy as np

from . import memory

NEW, LEARNING, MASTERED, REVIEW = "new", "learning", "mastered", "review"


def secure(ever_mastered, last_right) -> np.ndarray:
    """Mastered once and the last reading judged right (due or not)."""
    return np.asarray(ever_mastered, dtype=bool) & (np.asarray(last_right) > 0)


def shown_mastered(ever_mastered, last_right, recall) -> np.ndarray:
    """Shown as mastered: secure, and not yet due for review by FSRS."""
    return secure(ever_mastered, last_right) & (np.asarray(recall, dtype=float) >= memory.DESIRED_RETENTION)


def standing(ever_mastered, last_right, recall, seen) -> np.ndarray:
    """NEW / LEARNING / MASTERED / REVIEW for each word (arrays broadcast together)."""
    ever = np.asarray(ever_mastered, dtype=bool)
    shown = shown_mastered(ever, last_right, recall)
    return np.where(
        shown, MASTERED, np.where(ever, REVIEW, np.where(np.asarray(seen) > 0, LEARNING, NEW))
    ).astype(object)
