"""Family links and children's accounts: one function per state change, each atomic."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import LinkCode, ParentLink, User


class LinkRefused(Exception):
    """A code that is wrong, used or expired, or a link that may not be made; ``message`` is kind."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def make_link_code(*, learner: User, by: User) -> LinkCode:
    """A fresh code for ``learner``; any older unused code of theirs stops working."""
    now = timezone.now()
    with transaction.atomic():
        LinkCode.objects.filter(learner=learner).usable(now).update(expires_at=now)
        return LinkCode.objects.create(
            learner=learner,
            created_by=by,
            expires_at=now + datetime.timedelta(minutes=LinkCode.VALID_FOR_MINUTES),
        )


def normalise_code(typed: str) -> str:
    return "".join(typed.split()).replace("-", "").upper()


def redeem_link_code(*, parent: User, code: str) -> ParentLink:
    """A parent enters a learner's code: they now follow that learner. The code is used up."""
    if not parent.is_parent:
        raise LinkRefused("Only a parent or teacher account can follow a learner.")
    with transaction.atomic():
        found = LinkCode.objects.select_for_update().filter(code=normalise_code(code)).first()
        if found is None:
            raise LinkRefused("That code is not right. Check the letters and try again.")
        if found.used_at is not None or found.expires_at <= timezone.now():
            raise LinkRefused("That code has been used or is too old. Ask for a new one.")
        found.used_at, found.used_by = timezone.now(), parent
        found.save(update_fields=["used_at", "used_by"])
        link, _ = ParentLink.objects.get_or_create(parent=parent, learner=found.learner)
    return link


def remove_link(*, link: ParentLink, by: User) -> None:
    """The learner or the parent ends a link. A child's account keeps at least one parent."""
    if by.pk not in (link.parent_id, link.learner_id):
        raise LinkRefused("You can only remove your own links.")
    with transaction.atomic():
        learner = User.objects.select_for_update().get(pk=link.learner_id)
        if learner.is_child_account and learner.parent_links.count() <= 1:
            raise LinkRefused(
                f"{learner.name} logs in with a PIN, so someone must look after the account. "
                "Link another parent first."
            )
        link.delete()


def create_child_account(*, parent: User, display_name: str, login_name: str, pin: str) -> User:
    """A parent makes a learner account without e-mail for their child, and follows it."""
    with transaction.atomic():
        child = User.objects.create_child(login_name, pin, display_name=display_name)
        # The parent's consent, recorded with the account (the form asked for it).
        child.consent_given_at, child.consent_by = timezone.now(), parent
        child.save(update_fields=["consent_given_at", "consent_by"])
        ParentLink.objects.create(parent=parent, learner=child)
    return child


def rename_child(*, child: User, display_name: str) -> User:
    child.display_name = display_name
    child.save(update_fields=["display_name"])
    return child


def set_child_pin(*, child: User, pin: str) -> User:
    child.set_password(pin)
    child.save(update_fields=["password"])
    return child


def delete_account(user) -> None:
    """Delete the account and everything in it: progress, attempts, tests, links, and
    (once the transaction commits) every recording file, through the rows' delete hooks."""
    with transaction.atomic():
        user.delete()
