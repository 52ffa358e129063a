"""What happened in learning, for the apps above to hang their own work on.

Learning sends these from its actions inside their transaction and knows nobody who
listens (rewards connects in its AppConfig.ready), so the layers stay one-way.
Receivers run in the same transaction; one that fails is logged and skipped, and
the judgement stands.
"""

import datetime
import logging
from dataclasses import dataclass

from django.dispatch import Signal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProgressBefore:
    """The learner's record for the word just before this attempt was added to it."""

    attempts: int
    last_score: int | None
    best_score: int | None
    was_mastered: bool
    last_practised_at: datetime.datetime | None


# A practice attempt was judged (unclear ones too). Sent with: attempt, progress, before,
# newly_mastered.
attempt_judged = Signal()
# Every word of a level is now mastered by the learner. Sent with: learner, level, attempt.
level_completed = Signal()


def send(signal: Signal, **details) -> None:
    for receiver, result in signal.send_robust(sender=None, **details):
        if isinstance(result, Exception):
            log.error("%s failed on %s", receiver, details, exc_info=result)
