from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path

from .models import Award, WeeklySummary
from .usage import usage


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    """Badges and stars awarded; they are made by the reward actions only, so staff read them."""

    list_display = ["learner", "kind", "key", "stars", "reason", "created_at"]
    list_filter = ["kind", "created_at"]
    search_fields = ["learner__email", "learner__login_name", "key"]
    list_select_related = ["learner"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Award._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.usage_view)
        return [path("usage/", view, name="rewards_usage"), *super().get_urls()]

    def usage_view(self, request):
        context = {**self.admin_site.each_context(request), "title": "Usage", "usage": usage()}
        return TemplateResponse(request, "admin/rewards/usage.html", context)


@admin.register(WeeklySummary)
class WeeklySummaryAdmin(admin.ModelAdmin):
    list_display = ["parent", "week_starting", "learners", "sent_at"]
    list_select_related = ["parent"]
    readonly_fields = ["parent", "week_starting", "learners", "sent_at"]

    def has_add_permission(self, request):
        return False
