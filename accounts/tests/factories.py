import functools

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from accounts.models import ParentLink, User

PASSWORD = "correct-horse-battery"


@functools.cache
def _hashed_password() -> str:
    # Argon2 is slow on purpose; hash the shared test password once per run.
    return make_password(PASSWORD)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    display_name = factory.Faker("first_name")
    role = User.Role.LEARNER
    password = factory.LazyFunction(_hashed_password)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        """E-mail verification is mandatory: the cast have confirmed their addresses
        (UserFactory(verified_email=False) for someone who hasn't)."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class ParentLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParentLink

    parent = factory.SubFactory(UserFactory, role=User.Role.PARENT)
    learner = factory.SubFactory(UserFactory)
