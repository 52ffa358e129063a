from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import ParentLink, User


class ParentLinkInline(admin.TabularInline):
    model = ParentLink
    fk_name = "learner"
    extra = 0
    autocomplete_fields = ["parent"]
    verbose_name = "parent or teacher following this learner"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["email", "display_name"]
    inlines = [ParentLinkInline]
    fieldsets = [
        (None, {"fields": ["email", "password", "display_name", "role"]}),
        (
            "Reading preferences",
            {"fields": ["font", "text_size", "letter_spacing", "word_spacing", "line_spacing", "background"]},
        ),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "display_name", "role", "password1", "password2"]}),
    ]


@admin.register(ParentLink)
class ParentLinkAdmin(admin.ModelAdmin):
    list_display = ["parent", "learner", "created_at"]
    search_fields = ["parent__email", "learner__email"]
    autocomplete_fields = ["parent", "learner"]
    list_select_related = ["parent", "learner"]
