from django.contrib import admin

from .models import LevelProgress, MockTest, MockTestItem


class MockTestItemInline(admin.TabularInline):
    model = MockTestItem
    fields = ["position", "word", "status", "problem", "verdict", "score", "heard_as", "retries", "judged_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["position"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MockTest)
class MockTestAdmin(admin.ModelAdmin):
    """Tests are made by learners, not staff: readable here, and deletable, but not edited."""

    list_display = [
        "learner",
        "level",
        "attempt_number",
        "status",
        "score",
        "passed",
        "started_at",
        "finished_at",
    ]
    list_filter = ["level", "status", "passed"]
    list_select_related = ["learner", "level"]
    search_fields = ["learner__email", "learner__display_name"]
    date_hierarchy = "started_at"
    readonly_fields = [
        "learner",
        "level",
        "attempt_number",
        "status",
        "started_at",
        "expires_at",
        "finished_at",
        "score",
        "correct_count",
        "passed",
    ]
    inlines = [MockTestItemInline]

    def has_add_permission(self, request):
        return False


@admin.register(MockTestItem)
class MockTestItemAdmin(admin.ModelAdmin):
    list_display = ["test", "position", "word", "status", "verdict", "score", "heard_as", "judged_at"]
    list_filter = ["test__level", "status", "verdict", "test__passed"]
    list_select_related = ["test__learner", "test__level", "word"]
    search_fields = ["word__text", "test__learner__email"]
    readonly_fields = [f.name for f in MockTestItem._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(LevelProgress)
class LevelProgressAdmin(admin.ModelAdmin):
    list_display = ["learner", "level", "attempts", "best_score", "last_score", "passed_at"]
    list_filter = ["level", ("passed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["learner", "level"]
    search_fields = ["learner__email", "learner__display_name"]
    readonly_fields = ["learner", "level", "attempts", "best_score", "last_score", "passed_at"]

    def has_add_permission(self, request):
        return False
