"""Read-only questions about family links and children's accounts."""

from .models import User


def children_managed_by(parent: User):
    """The PIN accounts a parent looks after: learners without e-mail that they follow."""
    if not parent.is_authenticated or not parent.is_parent:
        return User.objects.none()
    return User.objects.visible_to(parent).filter(email__isnull=True, login_name__isnull=False)
