from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from progress.views import home

from .health import healthz

# admin.site is dyslexia_site.admin_site.StaffAdminSite (see apps.StaffAdminConfig):
# staff log in through allauth, with two-step login.


def favicon(request):
    # Pages without an icon link (the admin) make browsers ask for /favicon.ico.
    return redirect(static("favicon.svg"))


urlpatterns = [
    path("", home, name="home"),
    path("favicon.ico", favicon),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("accounts.urls")),
    path("learn/", include("learning.urls")),
    path("mock-tests/", include("mocktest.urls")),
    path("progress/", include("progress.urls")),
    path("explore/", include("dynamic.urls")),
    path("rewards/", include("rewards.urls")),
    path("chat/", include("chatbot.urls")),
    path("admin/", admin.site.urls),
]
