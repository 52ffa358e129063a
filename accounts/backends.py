"""Children's accounts log in with a login name and a PIN their parent set.

A separate backend with its own keyword arguments, so allauth's e-mail login and
Django's ModelBackend never see these accounts, and a PIN never logs in an adult's
e-mail account (staff and e-mail accounts are refused here).
"""

from django.contrib.auth.backends import ModelBackend

from .models import User


class ChildPinBackend(ModelBackend):
    def authenticate(self, request, login_name=None, pin=None, **kwargs):
        if not login_name or not pin:
            return None
        user = User.objects.filter(
            login_name=login_name.strip().lower(), email__isnull=True, is_staff=False
        ).first()
        if user is None:
            User().set_password(pin)  # the same work as a real check: timing doesn't tell names apart
            return None
        if user.check_password(pin) and self.user_can_authenticate(user):
            return user
        return None
