"""The score_audio command judges files through the web app's code and prints JSON lines."""

import json

import pytest
from django.core.management import CommandError, call_command

# The judge reads and keeps its reference readings in the database.
pytestmark = pytest.mark.django_db

FIELDS = {"file", "word", "verdict", "score", "mastered", "transcript", "feedback", "engine", "seconds"}


def run(capsys, *args) -> list[dict]:
    call_command("score_audio", *args)
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_it_judges_each_file_with_one_json_line(tmp_path, spoken, capsys):
    (tmp_path / "fish.wav").write_bytes(spoken("fish"))
    (tmp_path / "dog.wav").write_bytes(spoken("dog"))
    rows = run(capsys, "--word", "fish", str(tmp_path / "fish.wav"), str(tmp_path / "dog.wav"))
    assert [set(row) for row in rows] == [FIELDS, FIELDS]
    said_right, said_wrong = rows
    assert said_right["verdict"] == "correct" and said_right["mastered"] and said_right["score"] >= 70
    assert said_wrong["verdict"] == "not_quite" and not said_wrong["mastered"]
    assert "It sounded like 'dog'" in said_wrong["feedback"]
    assert said_right["engine"]


def test_it_reads_a_manifest_and_reports_bad_files_kindly(tmp_path, spoken, capsys):
    (tmp_path / "fish.wav").write_bytes(spoken("fish"))
    (tmp_path / "notes.wav").write_text("these are not sounds")
    (tmp_path / "list.csv").write_text("file,word\nfish.wav,fish\nnotes.wav,fish\nmissing.wav,fish\n")
    rows = run(capsys, "--manifest", str(tmp_path / "list.csv"))
    assert [row["verdict"] for row in rows] == ["correct", "rejected", "error"]
    assert rows[1]["feedback"] == "That file isn't a recording we can play. Please record again."
    assert rows[1]["score"] is None


def test_it_explains_how_to_call_it():
    with pytest.raises(CommandError, match="--word WORD"):
        call_command("score_audio")
