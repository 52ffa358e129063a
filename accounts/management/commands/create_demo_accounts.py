"""Demo accounts for trying the site locally: a learner, their parent, and staff.

Run by `make run`. Safe to run again: it resets the same three accounts to the
printed passwords. Never run it on a site that faces the internet.
"""

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import ParentLink, User

DEMO_ACCOUNTS = [
    # email, password, name, role
    ("learner@example.com", "learn-words-2026", "Alex", User.Role.LEARNER),
    ("parent@example.com", "follow-along-2026", "Pat", User.Role.PARENT),
    ("admin@example.com", "curate-words-2026", "Sam", User.Role.STAFF),
]


class Command(BaseCommand):
    help = "Create (or reset) the demo learner, parent and staff accounts and print their passwords."

    @transaction.atomic
    def handle(self, *args, **options):
        users = {}
        for email, password, name, role in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(email=email, defaults={"display_name": name, "role": role})
            user.display_name = name
            user.role = role
            user.is_staff = user.is_superuser = role == User.Role.STAFF
            user.set_password(password)
            user.save()
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            users[role] = user
        ParentLink.objects.get_or_create(parent=users[User.Role.PARENT], learner=users[User.Role.LEARNER])

        self.stdout.write("Demo accounts (log in with e-mail and password):")
        for email, password, _name, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role:<8} {email:<22} {password}")
