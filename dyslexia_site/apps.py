from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """Django's admin, with the site's AdminSite as `admin.site` for every app's registrations."""

    default_site = "dyslexia_site.admin_site.StaffAdminSite"


class SiteConfig(AppConfig):
    """The project package itself: its system checks and its error templates' home."""

    name = "dyslexia_site"
    verbose_name = "Dyslexia Empower Hub site"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy checks
