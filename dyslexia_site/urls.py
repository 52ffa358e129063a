from django.contrib import admin
from django.urls import include, path

from progress.views import home

from .health import healthz

admin.site.site_header = "Dyslexia Empower Hub — staff"
admin.site.site_title = "Dyslexia Empower Hub admin"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("accounts.urls")),
    path("learn/", include("learning.urls")),
    path("mock-tests/", include("mocktest.urls")),
    path("progress/", include("progress.urls")),
    path("rewards/", include("rewards.urls")),
    path("admin/", admin.site.urls),
]
