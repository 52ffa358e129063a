"""The one access rule: a learner's data is seen by that learner and by their linked parents.

Every app's queryset of learner-owned rows (attempts, tests, progress…) inherits
``visible_to`` from here, so the rule is written once. Everyone else gets an empty
queryset, which views turn into 404.
"""

from django.db import models


def linked_learner_ids(user):
    """A subquery of the learners a parent or teacher follows (no join, so no duplicates)."""
    from .models import ParentLink

    return ParentLink.objects.filter(parent=user).values("learner")


def visible_learner_q(user, field: str = "learner") -> models.Q:
    """Rows whose ``field`` is the user themself or a learner linked to them."""
    if not user.is_authenticated:
        return models.Q(pk__in=[])
    return models.Q(**{field: user.pk}) | models.Q(**{f"{field}__in": linked_learner_ids(user)})


class LearnerOwnedQuerySet(models.QuerySet):
    """For models with a ``learner`` foreign key (set ``learner_field`` for another path)."""

    learner_field = "learner"

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(visible_learner_q(user, self.learner_field))

    def owned_by(self, user):
        """The learner's own rows only: what they may act on (parents only read)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(**{self.learner_field: user})
