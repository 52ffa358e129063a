"""Staff curate words in the admin; nobody else gets in."""

import re

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.models import Word
from learning.resources import WordResource, import_words
from learning.tests.factories import LevelFactory, TagFactory, WordFactory

pytestmark = pytest.mark.django_db

HEADERS = ["level", "text", "example_sentence", "tags"]


@pytest.fixture
def levels():
    return [LevelFactory(order=1, title="Short a"), LevelFactory(order=2, title="Digraphs")]


def _csv(rows, headers=HEADERS) -> bytes:
    lines = [",".join(headers)] + [",".join(str(cell) for cell in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _dataset(rows, headers=HEADERS):
    return tablib.Dataset(*rows, headers=headers)


def test_it_exports_and_reimports_the_same_rows_without_changes(levels):
    cat = WordFactory(level=levels[0], text="cat")
    cat.tags.add(TagFactory(name="cvc"), TagFactory(name="short-vowel"))
    WordFactory(
        level=levels[1], text="ship", syllables=["ship"], synonyms=["boat", "vessel"], phonemes="SH IH P"
    )
    exported = WordResource().export()
    before = list(
        Word.objects.values_list(
            "level__order", "text", "phonemes", "syllables", "synonyms", "example_sentence"
        ).order_by("text")
    )

    result = import_words(tablib.Dataset().load(exported.csv, format="csv"), dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == 2
    after = list(
        Word.objects.values_list(
            "level__order", "text", "phonemes", "syllables", "synonyms", "example_sentence"
        ).order_by("text")
    )
    assert after == before
    assert sorted(Word.objects.get(text="cat").tags.values_list("name", flat=True)) == ["cvc", "short-vowel"]


def test_it_imports_new_words_and_fills_their_sounds(levels, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = import_words(
            _dataset([[1, "Hat", "A red hat.", "cvc"], [2, "chip", "A chip.", "digraph"]]), dry_run=False
        )
    assert result.totals["new"] == 2
    chip = Word.objects.get(text="chip")
    assert chip.phonemes == "CH IH P"
    assert Word.objects.get(text="hat").level.order == 1


def test_it_previews_an_import_without_saving_anything(levels):
    result = import_words(_dataset([[1, "hat", "A red hat.", "cvc"]]), dry_run=True)
    assert result.totals["new"] == 1
    assert not Word.objects.exists()


def _row_messages(result) -> list[str]:
    messages = [str(error.error) for row in result.row_errors() for error in row[1]]
    for invalid in result.invalid_rows:
        messages += [f"row {invalid.number}: {m}" for ms in invalid.error_dict.values() for m in ms]
    messages += [str(error.error) for error in result.base_errors]
    return messages


def test_it_reports_wrong_columns_and_imports_nothing(levels):
    result = import_words(_dataset([[1, "hat"]], headers=["lvl", "word"]), dry_run=False)
    assert result.has_errors()
    assert "These columns are missing: level, text" in " ".join(_row_messages(result))
    assert not Word.objects.exists()


def test_it_reports_duplicate_words_and_imports_nothing(levels):
    result = import_words(
        _dataset([[1, "hat", "", ""], [1, "map", "", ""], [1, "HAT", "", ""]]), dry_run=False
    )
    assert result.has_validation_errors()
    messages = _row_messages(result)
    assert any('"hat" appears more than once for level 1' in m for m in messages)
    assert [row.number for row in result.invalid_rows] == [1, 3]
    assert not Word.objects.exists()


def test_it_reports_an_empty_word_and_an_unknown_level_and_imports_nothing(levels):
    result = import_words(
        _dataset([[1, "hat", "", ""], [1, "  ", "", ""], [9, "map", "", ""]]), dry_run=False
    )
    messages = " ".join(_row_messages(result))
    assert "The word is empty." in messages
    assert "There is no level 9" in messages
    assert not Word.objects.exists()


def test_it_checks_ten_thousand_rows_and_imports_none_when_one_is_bad(levels):
    rows = [[1 + i % 2, f"word{i}", "", ""] for i in range(10_000)]
    rows[7_777][1] = ""
    result = import_words(_dataset(rows), dry_run=False)
    assert [row.number for row in result.invalid_rows] == [7_778]
    assert not Word.objects.exists()


def test_staff_can_preview_and_confirm_an_import_in_the_admin(
    client, sam, levels, django_capture_on_commit_callbacks
):
    client.force_login(sam)
    upload = SimpleUploadedFile("words.csv", _csv([[1, "hat", "A red hat.", "cvc"]]), content_type="text/csv")
    preview = client.post(
        reverse("admin:learning_word_import"), {"import_file": upload, "format": "0", "resource": "0"}
    )
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Preview" in page
    assert not Word.objects.exists()
    hidden = dict(
        re.findall(r'name="(import_file_name|original_file_name|format|resource)" value="([^"]*)"', page)
    )
    with django_capture_on_commit_callbacks(execute=True):
        confirm = client.post(reverse("admin:learning_word_process_import"), hidden)
    assert confirm.status_code == 302
    assert Word.objects.get(text="hat").phonemes == "HH AE T"


def test_staff_see_row_errors_in_the_admin_preview(client, sam, levels):
    client.force_login(sam)
    upload = SimpleUploadedFile(
        "words.csv", _csv([[1, "hat", "", ""], [1, "hat", "", ""]]), content_type="text/csv"
    )
    page = client.post(
        reverse("admin:learning_word_import"), {"import_file": upload, "format": "0", "resource": "0"}
    ).content.decode()
    assert "appears more than once for level 1" in page
    assert "Confirm import" not in page


def test_a_learner_cannot_reach_the_import_page(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:learning_word_import"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_staff_fill_missing_details_with_an_admin_action(
    client, sam, levels, django_capture_on_commit_callbacks
):
    word = WordFactory(level=levels[1], text="chip")
    client.force_login(sam)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:learning_word_changelist"),
            {"action": "fill_missing_details", "_selected_action": [word.pk]},
            follow=True,
        )
    assert b"Filling missing details for 1 word" in response.content
    word.refresh_from_db()
    assert word.phonemes == "CH IH P"


def test_renaming_a_word_in_the_admin_refills_its_sounds(client, sam, levels):
    word = WordFactory(
        level=levels[1], text="ship", phonemes="SH IH P", syllables=["ship"], sound_spelling="sh-i-p"
    )
    client.force_login(sam)
    response = client.post(
        reverse("admin:learning_word_change", args=[word.pk]),
        {
            "level": levels[1].pk,
            "text": "shop",
            "position": 1,
            "phonemes": "SH IH P",
            "sound_spelling": "sh-i-p",
            "syllables": '["ship"]',
            "synonyms": "[]",
            "example_sentence": "We shop for fruit.",
        },
    )
    assert response.status_code == 302
    word.refresh_from_db()
    assert (word.text, word.phonemes) == ("shop", "SH AA P")


@pytest.mark.parametrize("count", [5, 40])
def test_the_admin_word_list_runs_in_constant_queries(
    client, sam, levels, count, django_assert_max_num_queries
):
    tag = TagFactory(name="cvc")
    for i in range(count):
        WordFactory(level=levels[i % 2], text=f"word{i}").tags.add(tag)
    client.force_login(sam)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("admin:learning_word_changelist"))
    assert response.status_code == 200


def test_the_admin_level_list_shows_word_counts(client, sam, levels, django_assert_max_num_queries):
    WordFactory(level=levels[0], text="cat")
    client.force_login(sam)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("admin:learning_level_changelist")).content.decode()
    assert "Short a" in page


def test_staff_see_attempts_and_progress_in_constant_queries(
    client, sam, alice, bob, levels, django_assert_max_num_queries
):
    from learning.tests.test_rules import say

    for i in range(12):
        say(alice if i % 2 else bob, WordFactory(level=levels[0], text=f"w{i}"), 60 + i)
    client.force_login(sam)
    for name in ("practiceattempt", "wordprogress", "levelunlock"):
        with django_assert_max_num_queries(10):
            assert client.get(reverse(f"admin:learning_{name}_changelist")).status_code == 200
