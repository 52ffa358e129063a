"""CSV/XLSX import and export of words for staff (django-import-export).

Rows are matched on (level, text), so exporting and importing the same file
changes nothing. A file with any bad row imports nothing: each bad row is
reported with its number and a plain reason.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets
from import_export.instance_loaders import BaseInstanceLoader

from .actions import queue_prepare_words
from .models import Level, Tag, Word

REQUIRED_COLUMNS = {"level", "text"}


class LevelWidget(widgets.Widget):
    """A level by its order number, looked up once per import instead of once per row."""

    def __init__(self):
        super().__init__()
        self._levels = None

    def clean(self, value, row=None, **kwargs):
        if self._levels is None:
            self._levels = {level.order: level for level in Level.objects.all()}
        try:
            order = int(str(value).strip())
        except (TypeError, ValueError):
            raise ValueError(f'"{value}" is not a level number.') from None
        if order not in self._levels:
            raise ValueError(f"There is no level {order}. Create it first.")
        return self._levels[order]

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value.order)


class ListWidget(widgets.Widget):
    """A list kept in one cell, e.g. syllables "but-ter-fly" or synonyms "glad; merry"."""

    def __init__(self, separator):
        super().__init__()
        self.separator = separator

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return []
        return [part.strip().lower() for part in str(value).split(self.separator.strip()) if part.strip()]

    def render(self, value, obj=None, **kwargs):
        return self.separator.join(value or [])


class TagsWidget(widgets.ManyToManyWidget):
    """Tags by name; a new name becomes a new tag."""

    def __init__(self):
        super().__init__(Tag, separator=";", field="name")
        self._tags: dict[str, Tag] = {}

    def clean(self, value, row=None, **kwargs):
        names = [name.strip().lower() for name in str(value or "").split(";") if name.strip()]
        for name in names:
            if name not in self._tags:
                self._tags[name] = Tag.objects.get_or_create(name=name)[0]
        return [self._tags[name] for name in names]


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        if not text:
            raise ValueError("The word is empty.")
        if len(text) > 40:
            raise ValueError("The word is longer than 40 letters.")
        return text


def _row_key(row) -> tuple[str, str]:
    return str(row.get("level", "")).strip(), str(row.get("text") or "").strip().lower()


class WordLoader(BaseInstanceLoader):
    """Finds existing words for the whole file in one query; bad cells are left for the row checks."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.words = {
            (str(word.level.order), word.text): word
            for word in Word.objects.select_related("level").filter(
                text__in={_row_key(row)[1] for row in dataset.dict}
            )
        }

    def get_instance(self, row):
        return self.words.get(_row_key(row))


class WordResource(resources.ModelResource):
    level = fields.Field(attribute="level", column_name="level", widget=LevelWidget())
    text = fields.Field(attribute="text", column_name="text", widget=TextWidget())
    syllables = fields.Field(attribute="syllables", column_name="syllables", widget=ListWidget("-"))
    synonyms = fields.Field(attribute="synonyms", column_name="synonyms", widget=ListWidget("; "))
    tags = fields.Field(attribute="tags", column_name="tags", widget=TagsWidget())

    class Meta:
        model = Word
        fields = (
            "level",
            "text",
            "position",
            "phonemes",
            "sound_spelling",
            "syllables",
            "synonyms",
            "example_sentence",
            "frequency",
            "difficulty",
            "tags",
        )
        export_order = fields
        import_id_fields = ("level", "text")
        instance_loader_class = WordLoader
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        skip_diff = True
        skip_admin_log = True
        clean_model_instances = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.imported_ids: list[int] = []

    def get_export_queryset(self, request=None, **kwargs):
        return Word.objects.select_related("level").prefetch_related("tags")

    def before_import(self, dataset, **kwargs):
        headers = {(header or "").strip().lower() for header in dataset.headers or []}
        missing = REQUIRED_COLUMNS - headers
        unknown = headers - set(self._meta.fields)
        problems = []
        if missing:
            problems.append(f"These columns are missing: {', '.join(sorted(missing))}.")
        if unknown:
            problems.append(f"These columns are not ones we know: {', '.join(sorted(unknown))}.")
        if problems:
            raise ValueError(" ".join(problems) + f" Expected columns: {', '.join(self._meta.fields)}.")
        dataset.headers = [(header or "").strip().lower() for header in dataset.headers]
        keys = Counter(_row_key(row) for row in dataset.dict)
        self._duplicates = {key for key, count in keys.items() if count > 1 and key[1]}

    def before_import_row(self, row, **kwargs):
        key = _row_key(row)
        if key in self._duplicates:
            raise ValidationError(
                {"text": f'"{key[1]}" appears more than once for level {key[0]} in this file.'}
            )

    def after_init_instance(self, instance, new, row, **kwargs):
        # What the row started as, to tell unchanged rows apart (import-export's own diff is slow).
        self._before = (
            None if new else self._values(instance, sorted(tag.name for tag in instance.tags.all()))
        )

    def _values(self, instance, tag_names) -> dict:
        values = {name: field.export(instance) for name, field in self.fields.items() if name != "tags"}
        return {**values, "tags": tag_names}

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or self._before is None:
            return False
        tags = (
            sorted(tag.name for tag in self.fields["tags"].clean(row))
            if "tags" in row
            else self._before["tags"]
        )
        return self._values(instance, tags) == self._before

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Rows are matched on (level, text) and the file is checked for repeats in
        # before_import, so the per-row uniqueness queries Django would run add nothing.
        errors = dict(import_validation_errors or {})
        try:
            # The level widget already resolved a real level, so skip the FK's own query too.
            instance.full_clean(exclude=[*errors, "level"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_m2m(self, instance, row, **kwargs):
        if "tags" in row and (row.get("tags") or self._before is not None):
            super().save_m2m(instance, row, **kwargs)

    def after_save_instance(self, instance, row, **kwargs):
        if not kwargs.get("dry_run"):
            self.imported_ids.append(instance.pk)

    def after_import(self, dataset, result, **kwargs):
        if (
            kwargs.get("dry_run")
            or result.has_errors()
            or result.has_validation_errors()
            or not self.imported_ids
        ):
            return
        queue_prepare_words(self.imported_ids)


def import_words(dataset, *, dry_run: bool):
    """Import a tablib dataset of words: all rows or none."""
    return WordResource().import_data(
        dataset, dry_run=dry_run, use_transactions=True, rollback_on_validation_errors=True
    )
