from celery import shared_task

from .words import fill_missing_details


@shared_task(
    acks_late=True,
    time_limit=600,
    soft_time_limit=540,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
)
def fill_missing_word_details(word_ids: list[int]) -> int:
    """Idempotent: words that already have their details are left as they are."""
    return fill_missing_details(word_ids)
