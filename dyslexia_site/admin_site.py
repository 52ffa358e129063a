"""The staff admin: no login form of its own, and two factors required.

Staff log in through allauth's login page, so the admin shares its rate limits
and its two-step (TOTP) challenge. The admin lets a staff member in only when
they have an authenticator app set up and this session passed it; otherwise its
login URL sends them to the step they are missing.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode


def has_totp(user) -> bool:
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])


def passed_second_factor(request) -> bool:
    """Did this session's login (or a later re-check) include the authenticator code?"""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


class StaffAdminSite(admin.AdminSite):
    site_header = "Dyslexia Empower Hub — staff"
    site_title = "Dyslexia Empower Hub admin"

    def has_permission(self, request):
        # Asked several times per admin page: look the authenticator up once.
        if not hasattr(request, "_staff_admin_allowed"):
            request._staff_admin_allowed = (
                super().has_permission(request) and passed_second_factor(request) and has_totp(request.user)
            )
        return request._staff_admin_allowed

    def login(self, request, extra_context=None):
        """Where the admin sends anyone it won't let in: to the step they are missing."""
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = ""
        next_url = next_url or reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url, login_url=settings.LOGIN_URL)
        if not (user.is_active and user.is_staff):
            raise PermissionDenied("The staff admin is for staff accounts.")
        if not has_totp(user):
            messages.info(
                request,
                "Staff need two-step login for the admin. "
                "Set up an authenticator app, then open the admin again.",
            )
            return redirect("mfa_activate_totp")
        if not passed_second_factor(request):
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
        return redirect(next_url)
