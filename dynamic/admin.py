from django.contrib import admin

from .models import ExplorerEntry, ExplorerTry, PracticeWord


@admin.register(ExplorerEntry)
class ExplorerEntryAdmin(admin.ModelAdmin):
    list_display = [
        "word",
        "is_name",
        "picture_kind",
        "picture_status",
        "level",
        "level_probability",
        "created_at",
    ]
    list_filter = ["picture_kind", "picture_status", "is_name"]
    search_fields = ["word"]
    readonly_fields = ["created_at", "updated_at"]


@admin.register(PracticeWord)
class PracticeWordAdmin(admin.ModelAdmin):
    list_display = ["learner", "entry", "added_at"]
    search_fields = ["learner__email", "entry__word"]
    list_select_related = ["learner", "entry"]


@admin.register(ExplorerTry)
class ExplorerTryAdmin(admin.ModelAdmin):
    list_display = ["learner", "entry", "status", "verdict", "score", "created_at"]
    list_filter = ["status", "verdict"]
    search_fields = ["learner__email", "entry__word"]
    list_select_related = ["learner", "entry"]
    readonly_fields = [field.name for field in ExplorerTry._meta.fields]
