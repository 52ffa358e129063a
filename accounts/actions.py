"""State changes of accounts, one function per event."""

from django.db import transaction


def delete_account(user) -> None:
    """Delete the account and everything in it: progress, attempts, tests, links, and
    (once the transaction commits) every recording file, through the rows' delete hooks."""
    with transaction.atomic():
        user.delete()
