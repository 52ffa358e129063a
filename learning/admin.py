from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from import_export.admin import ImportExportModelAdmin

from .actions import add_word, change_word_text, queue_prepare_words, request_clips
from .models import Level, LevelUnlock, PracticeAttempt, SpeechClip, Tag, Word, WordProgress
from .resources import WordResource


class WordInline(admin.TabularInline):
    model = Word
    fields = ["position", "text", "phonemes", "sound_spelling", "example_sentence"]
    readonly_fields = ["phonemes", "sound_spelling"]
    extra = 0
    ordering = ["position", "text"]
    show_change_link = True


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["order", "title", "focus", "word_count", "mock_test_size", "pass_mark"]
    list_display_links = ["order", "title"]
    search_fields = ["title", "focus"]
    ordering = ["order"]
    inlines = [WordInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(word_count=Count("words"))

    @admin.display(description="words", ordering="word_count")
    def word_count(self, level):
        return level.word_count


class MissingDataFilter(admin.SimpleListFilter):
    title = "missing data"
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [
            ("phonemes", "No phonemes"),
            ("syllables", "No syllables"),
            ("synonyms", "No synonyms"),
            ("sentence", "No example sentence"),
            ("any", "Anything missing"),
        ]

    def queryset(self, request, queryset):
        conditions = {
            "phonemes": Q(phonemes=""),
            "syllables": Q(syllables=[]),
            "synonyms": Q(synonyms=[]),
            "sentence": Q(example_sentence=""),
        }
        if self.value() == "any":
            return queryset.filter(
                Q(phonemes="") | Q(syllables=[]) | Q(sound_spelling="") | Q(example_sentence="")
            )
        if self.value() in conditions:
            return queryset.filter(conditions[self.value()])
        return queryset


@admin.register(Word)
class WordAdmin(ImportExportModelAdmin):
    resource_classes = [WordResource]
    list_display = [
        "text",
        "level",
        "position",
        "phonemes",
        "sound_spelling",
        "syllable_text",
        "tag_list",
        "difficulty",
        "audio_status",
    ]
    list_filter = ["level", "tags", MissingDataFilter, "audio_status"]
    list_select_related = ["level"]
    search_fields = ["text", "phonemes", "example_sentence"]
    ordering = ["level__order", "position", "text"]
    autocomplete_fields = []
    filter_horizontal = ["tags"]
    readonly_fields = ["frequency", "difficulty", "audio_status", "audio_preview", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["level", "text", "position", "tags"]}),
        (
            "Sounds",
            {
                "fields": ["phonemes", "sound_spelling", "syllables"],
                "description": "Filled from the dictionary when empty. Changing the word re-fills them.",
            },
        ),
        ("Meaning", {"fields": ["synonyms", "synonyms_override", "example_sentence"]}),
        ("Audio", {"fields": ["audio_status", "audio_preview"]}),
        ("Estimates", {"fields": ["frequency", "difficulty", "created_at", "updated_at"]}),
    ]
    actions = ["fill_missing_details", "generate_audio"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="syllables")
    def syllable_text(self, word):
        return word.syllable_text

    @admin.display(description="tags")
    def tag_list(self, word):
        return ", ".join(tag.name for tag in word.tags.all())

    def save_model(self, request, obj, form, change):
        if change and "text" in form.changed_data:
            change_word_text(obj, form.cleaned_data["text"])
            self.message_user(request, f'"{obj.text}" was renamed: its sounds and syllables were re-filled.')
            return
        super().save_model(request, obj, form, change)
        if not change:
            add_word(obj)

    @admin.display(description="listen")
    def audio_preview(self, word):
        if not word.pk:
            return "Save the word first."
        players = [
            format_html(
                '<p>{}<br><audio controls preload="none" src="{}"></audio></p>',
                label,
                reverse("learning:speech", args=[speed, word.text]),
            )
            for speed, label in (("normal", "Normal speed"), ("slow", "Slow"))
        ]
        return format_html("{}{}", *players)

    @admin.action(description="Generate audio (normal and slow)")
    def generate_audio(self, request, queryset):
        texts = list(queryset.values_list("text", flat=True))
        Word.objects.filter(text__in=texts).update(audio_status=Word.AudioStatus.PENDING)
        for text in texts:
            request_clips(text, force=True)
        self.message_user(request, f"Making audio for {len(texts)} word(s).", messages.SUCCESS)

    @admin.action(description="Fill missing phonemes, syllables and synonyms")
    def fill_missing_details(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        queue_prepare_words(ids)
        self.message_user(
            request,
            f"Filling missing details for {len(ids)} word(s). Refresh in a moment to see them.",
            messages.SUCCESS,
        )


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "word_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(word_count=Count("words"))

    @admin.display(description="words", ordering="word_count")
    def word_count(self, tag):
        return tag.word_count


@admin.register(SpeechClip)
class SpeechClipAdmin(admin.ModelAdmin):
    list_display = ["text", "speed", "engine", "status", "updated_at"]
    list_filter = ["speed", "engine", "status"]
    search_fields = ["text"]
    readonly_fields = [
        "text",
        "speed",
        "engine",
        "audio",
        "status",
        "error_message",
        "created_at",
        "updated_at",
    ]


@admin.register(PracticeAttempt)
class PracticeAttemptAdmin(admin.ModelAdmin):
    list_display = ["created_at", "learner", "word", "status", "verdict", "score", "engine", "judge_seconds"]
    list_filter = ["status", "verdict", "word__level"]
    list_select_related = ["learner", "word"]
    search_fields = ["learner__email", "word__text", "transcript"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in PracticeAttempt._meta.fields]

    def has_add_permission(self, request):
        return False  # attempts come from learners' recordings only


@admin.register(WordProgress)
class WordProgressAdmin(admin.ModelAdmin):
    list_display = ["learner", "word", "attempts", "best_score", "last_score", "first_mastered_at"]
    list_filter = ["word__level"]
    list_select_related = ["learner", "word"]
    search_fields = ["learner__email", "word__text"]


@admin.register(LevelUnlock)
class LevelUnlockAdmin(admin.ModelAdmin):
    list_display = ["learner", "level", "reason", "unlocked_at"]
    list_filter = ["level", "reason"]
    list_select_related = ["learner", "level"]
    search_fields = ["learner__email"]
    autocomplete_fields = ["learner"]
