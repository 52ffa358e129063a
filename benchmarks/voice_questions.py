"""Spoken questions to the tutor: does lowering a child's voice help Whisper write them down?

The judge lowers a child's voice towards an adult's before Whisper hears a reading
(``speech.vocal_tract``). The tutor's spoken questions go through ``speech.transcribe``
(Whisper tiny.en's free transcript), which this measures with and without the same
lowering. The first ``--per-intent`` questions of each on-topic intent of the tutor's
evaluation set (``chatbot/data/eval.tsv``, never trained on) are said by adult voices and
by child-like voices (``benchmarks/speech_data.py``: the same voices about five semitones
higher and a little slower), in a room, as webm/opus; each recording is transcribed as
recorded and lowered, in turn. Figures per slice:

- intent accuracy: the tutor's classifier on the transcript gives the set's intent;
- word found: for "how do I say" and "what does it mean" questions, the word the tutor
  would look up is the set's word;
- the share of recordings the lowering changed.

    .venv/bin/python benchmarks/voice_questions.py [--per-intent 6] [--data-dir benchmarks/data/questions]

The last line printed is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import speech_data  # noqa: E402

import speech  # noqa: E402
from chatbot.intents import classify, evaluation_examples  # noqa: E402
from chatbot.words import find_word  # noqa: E402
from speech import audio as speech_audio  # noqa: E402
from speech.recognisers import get_engine  # noqa: E402
from speech.vocal_tract import normalised  # noqa: E402

ADULT_VOICES = ["espeak en-us", "espeak en-gb", "festival slt", "flite slt", "piper joe"]
CHILD_VOICES = [
    "espeak en-gb+child",
    "espeak en-us+f3+child",
    "festival slt+child",
    "flite slt+child",
    "piper joe+child",
]
WAYS = ("as recorded", "lowered")


def questions(per_intent: int) -> list[tuple[str, str, str]]:
    """(intent, question, word) for the first ``per_intent`` on-topic questions of each intent."""
    chosen: dict[str, list] = {}
    for intent, text, word in evaluation_examples():
        if intent != "other" and len(chosen.setdefault(intent, [])) < per_intent:
            chosen[intent].append((intent, text, word))
    return [row for rows in chosen.values() for row in rows]


def curriculum() -> tuple[str, ...]:
    data = json.loads((ROOT / "learning" / "curriculum" / "starter.json").read_text())
    return tuple(word["text"] for level in data["levels"] for word in level["words"])


def understood(transcript: str, intent: str, word: str, words: tuple[str, ...]) -> tuple[bool, bool | None]:
    """(the intent was understood, the word was found: None when the question names no word)."""
    found = find_word(transcript, words) if word else None
    return classify(transcript).name == intent, (found == word if word else None)


def tally(results: list[dict]) -> dict:
    intents = [r["intent_ok"] for r in results]
    words = [r["word_ok"] for r in results if r["word_ok"] is not None]
    return {
        "intent_pct": round(100 * sum(intents) / max(1, len(intents)), 1),
        "word_pct": round(100 * sum(words) / max(1, len(words)), 1),
        "n": len(results),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--per-intent", type=int, default=6, help="questions per on-topic intent")
    parser.add_argument("--data-dir", help="keep/reuse the synthesised questions here")
    args = parser.parse_args(argv)
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    missing = speech_data.check_tools()
    if missing:
        log(f"missing tools: {', '.join(missing)} (make system-packages PACKAGES=...)")
        return 1
    words = curriculum()
    recogniser = get_engine("whisper")
    rows = questions(args.per_intent)
    results: dict[tuple[str, str], list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="questions-") as tmp:
        folder = Path(args.data_dir or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n, (intent, text, word) in enumerate(rows, 1):
            for label in ADULT_VOICES + CHILD_VOICES:
                name = hashlib.sha1(f"{label}|{text}".encode()).hexdigest()[:12]
                path = speech_data.record(text, label, folder / f"{name}.webm")
                data = path.read_bytes()
                audio = speech_audio.load_audio(data)
                # Lowered: the tutor's own path (speech.transcribe), so the figure follows it.
                transcripts = {
                    "as recorded": recogniser.transcribe(audio),
                    "lowered": speech.transcribe(data),
                }
                changed = normalised(audio) is not audio
                slice_name = "child" if label in CHILD_VOICES else "adult"
                for way in WAYS:
                    intent_ok, word_ok = understood(transcripts[way], intent, word, words)
                    results.setdefault((slice_name, way), []).append(
                        {"intent_ok": intent_ok, "word_ok": word_ok, "changed": changed}
                    )
            log(f"  {n}/{len(rows)} questions")
    figures: dict = {}
    print(f"{'slice':<7} {'way':<12} {'intent %':>9} {'word %':>7} {'lowered %':>10}   n")
    for (slice_name, way), found in sorted(results.items()):
        counts = tally(found)
        changed = round(100 * sum(r["changed"] for r in found) / max(1, len(found)), 1)
        print(
            f"{slice_name:<7} {way:<12} {counts['intent_pct']:>9} {counts['word_pct']:>7} {changed:>10}   "
            f"{counts['n']}"
        )
        key = f"{slice_name}_{way.replace(' ', '_')}"
        figures[f"{key}_intent_accuracy_pct"] = counts["intent_pct"]
        figures[f"{key}_word_found_pct"] = counts["word_pct"]
        figures[f"{slice_name}_lowered_pct"] = changed
    figures["questions"] = len(rows)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
