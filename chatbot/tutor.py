"""The offline tutor: answers from the learner's own data, with no network.

The default tutor, and the fallback whenever a configured model fails. Every fact
comes from the same rules the rest of the site uses (lexicon, the recommender,
progress figures, the last attempt's feedback) and is scoped to the asking learner:
nothing in a message can name another learner's rows, because no function here
takes a learner from the message. The provider's tools call the same fact functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

import lexicon
from learning.models import Level, PracticeAttempt, Word
from learning.rules import recommended_words
from progress.rules import daily_streak, learner_summary

from . import intents, safety, words

HELP_TEXT = (
    "I can help with words and your practice. Try: “how do I say ship”, "
    "“what does brave mean”, “what should I practise”, “how am I doing” "
    "or “why was my word wrong”."
)
CANT_HELP = "Sorry, I can't help with that. " + HELP_TEXT


@dataclass
class Reply:
    text: str
    intent: str
    word: str = ""
    links: list[dict] = field(default_factory=list)
    facts: dict = field(default_factory=dict)
    source: str = "offline"


# --- Facts, for one learner --------------------------------------------------------


def curriculum_words() -> tuple[str, ...]:
    return tuple(Word.objects.order_by().values_list("text", flat=True).distinct())


def word_facts(learner, text: str) -> dict:
    """What the lexicon knows about a word, child-safe, with links when it is in the learner's levels."""
    info = lexicon.lookup(text)
    facts = {
        "word": info.text,
        "known": info.known,
        "sounds": info.sound_spelling,
        "syllables": list(info.syllables),
        "synonyms": [s for s in info.synonyms if safety.is_safe(s)][:4],
        "example": info.example if info.example and safety.is_safe(info.example) else "",
        "practice_url": "",
        "listen_url": "",
    }
    word = Word.objects.open_to(learner).filter(text=info.text).order_by("level__order").first()
    if word is not None:
        facts["practice_url"] = word.get_absolute_url()
        facts["listen_url"] = reverse("learning:speech", args=["slow", word.text])
        facts["sounds"] = word.sound_spelling or facts["sounds"]
        facts["syllables"] = list(word.syllables) or facts["syllables"]
    return facts


def progress_facts(learner) -> dict:
    summary = learner_summary(learner)
    streak = daily_streak(learner)
    open_levels = [state for state in summary.levels if state.is_open]
    level = open_levels[-1].level if open_levels else Level.objects.order_by("order").first()
    return {
        "words_mastered": summary.words_mastered,
        "total_attempts": summary.total_attempts,
        "average_score": summary.average_score_rounded,
        "streak_days": streak.current,
        "level": level.order if level else None,
        "level_title": level.title if level else "",
    }


def next_words(learner, limit: int = 3) -> list[dict]:
    return [
        {"word": word.text, "why": word.why, "url": word.get_absolute_url()}
        for word in recommended_words(learner, limit=limit)
    ]


def last_attempt_facts(learner) -> dict | None:
    attempt = (
        PracticeAttempt.objects.owned_by(learner)
        .filter(status=PracticeAttempt.Status.JUDGED)
        .select_related("word")
        .order_by("-judged_at", "-pk")
        .first()
    )
    if attempt is None:
        return None
    return {
        "word": attempt.word.text,
        "verdict": attempt.verdict,
        "score": attempt.score,
        "feedback": attempt.feedback,
        "heard_as": attempt.heard_as,
        "wrong_sounds": [describe_sound(sound) for sound in attempt.wrong_sounds],
        "url": attempt.word.get_absolute_url(),
    }


def describe_sound(sound: dict) -> str:
    where = sound.get("position") or "middle"
    expected, heard = sound.get("expected_name"), sound.get("heard_name")
    if sound.get("kind") == "swap":
        return f"At the {where}: say {expected}" + (f", not {heard}." if heard else ".")
    if sound.get("kind") == "missing":
        return f"At the {where}: don't forget {expected}."
    return f"At the {where}: there is no {heard} sound."


# --- Answers ------------------------------------------------------------------------


def answer(learner, text: str, *, about_word: str = "") -> Reply:
    """The offline tutor's reply to one message (already length-checked)."""
    if not safety.is_safe(text):
        return Reply(safety.KIND_RUDE_REPLY, "rude", source="safety")
    intent = intents.classify(text).name
    if intent in ("say", "meaning"):
        page_word = lexicon.normalise(about_word) or ""
        word = words.find_word(text, curriculum_words()) or page_word
        if intent == "say":
            return say(learner, word, on_its_page=bool(word) and word == page_word)
        return meaning(learner, word)
    return ANSWERS[intent](learner)


def say(learner, word: str, *, on_its_page: bool = False) -> Reply:
    if not word:
        return Reply("Which word? Type it like this: “how do I say ship”.", "say")
    facts = word_facts(learner, word)
    if not facts["sounds"] and not facts["syllables"]:
        return Reply(f"I don't know the word “{word}” yet. Check the spelling and ask again?", "say", word)
    parts = [f"Let's say “{facts['word']}”."]
    if facts["sounds"]:
        parts.append(f"Say the sounds: {facts['sounds']}.")
    if len(facts["syllables"]) > 1:
        parts.append(f"It has {len(facts['syllables'])} beats: {' · '.join(facts['syllables'])}.")
    links = []
    if facts["listen_url"]:
        parts.append("Press “Hear it slowly” to listen.")
        links.append({"label": "🔊 Hear it slowly", "url": facts["listen_url"], "listen": True})
    if facts["practice_url"] and on_its_page:
        parts.append("Then press “Start recording” on this page and say it.")
    elif facts["practice_url"]:
        parts.append("Then say it into the microphone on its practice page.")
        links.append({"label": f"🎤 Practise “{facts['word']}”", "url": facts["practice_url"]})
    return Reply(" ".join(parts), "say", facts["word"], links)


def meaning(learner, word: str) -> Reply:
    if not word:
        return Reply("Which word? Type it like this: “what does brave mean”.", "meaning")
    facts = word_facts(learner, word)
    parts = []
    if facts["synonyms"]:
        parts.append(f"“{facts['word']}” means about the same as: {', '.join(facts['synonyms'])}.")
    if facts["example"]:
        parts.append(f"For example: “{facts['example']}”.")
    if not parts:
        return Reply(
            f"I don't know what “{word}” means yet. A grown-up or a dictionary can help.", "meaning", word
        )
    links = (
        [{"label": f"🎤 Practise “{facts['word']}”", "url": facts["practice_url"]}]
        if facts["practice_url"]
        else []
    )
    return Reply(" ".join(parts), "meaning", facts["word"], links)


def practise(learner) -> Reply:
    picks = next_words(learner)
    if not picks:
        return Reply("There are no words open for you yet. Ask a grown-up to add some.", "practise")
    first = picks[0]
    text = f"Try “{first['word']}” next. {first['why']}".strip()
    if len(picks) > 1:
        text += " After that: " + ", ".join(f"“{p['word']}”" for p in picks[1:]) + "."
    links = [{"label": f"🎤 Practise “{p['word']}”", "url": p["url"]} for p in picks]
    return Reply(text, "practise", first["word"], links)


def progress(learner) -> Reply:
    facts = progress_facts(learner)
    if not facts["total_attempts"]:
        text = "You haven't said any words yet. Let's start! Ask me “what should I practise”."
        return Reply(text, "progress")
    # Only the figures the text quotes: the benchmark checks each against the database.
    quoted = {key: facts[key] for key in ("words_mastered", "total_attempts", "average_score")}
    parts = [
        f"You have mastered {facts['words_mastered']} {plural(facts['words_mastered'], 'word')}"
        f" in {facts['total_attempts']} {plural(facts['total_attempts'], 'try', 'tries')}.",
        f"Your average score is {facts['average_score']} out of 100.",
    ]
    if facts["streak_days"]:
        quoted["streak_days"] = facts["streak_days"]
        parts.append(
            f"You have practised {facts['streak_days']} {plural(facts['streak_days'], 'day')} in a row."
        )
    if facts["level"]:
        quoted["level"] = facts["level"]
        parts.append(f"You are on level {facts['level']}: {facts['level_title']}.")
    parts.append("Well done for keeping going!")
    links = [{"label": "📈 My progress", "url": reverse("progress:dashboard")}]
    return Reply(" ".join(parts), "progress", links=links, facts=quoted)


def wrong(learner) -> Reply:
    facts = last_attempt_facts(learner)
    if facts is None:
        return Reply("You haven't said a word yet, so nothing was wrong! Ask me what to practise.", "wrong")
    links = [{"label": f"🎤 Try “{facts['word']}” again", "url": facts["url"]}]
    shown = {"word": facts["word"], "score": facts["score"]}
    if facts["verdict"] == PracticeAttempt.Verdict.CORRECT:
        text = f"Your last word, “{facts['word']}”, was right, with {facts['score']} out of 100. Great work!"
        return Reply(text, "wrong", facts["word"], links, shown)
    if facts["verdict"] == PracticeAttempt.Verdict.UNCLEAR:
        text = (
            f"I couldn't hear “{facts['word']}” clearly last time. "
            "Try again somewhere quiet, close to the microphone."
        )
        return Reply(text, "wrong", facts["word"], links, {"word": facts["word"]})
    parts = [f"Your last word was “{facts['word']}”, with {facts['score']} out of 100."]
    if facts["heard_as"] and facts["heard_as"] != facts["word"]:
        parts.append(f"It sounded like “{facts['heard_as']}”.")
    parts += facts["wrong_sounds"][:3]
    if facts["feedback"] and not facts["wrong_sounds"]:
        parts.append(facts["feedback"])
    parts.append("Listen to it slowly, then have another go. You can do it!")
    return Reply(" ".join(parts), "wrong", facts["word"], links, shown)


def help_reply(learner) -> Reply:
    return Reply(HELP_TEXT, "help")


def greeting(learner) -> Reply:
    return Reply("Hello! " + HELP_TEXT, "greeting")


def other(learner) -> Reply:
    return Reply(CANT_HELP, "other")


def plural(count, one: str, many: str | None = None) -> str:
    return one if count == 1 else (many or one + "s")


ANSWERS = {
    "practise": practise,
    "progress": progress,
    "wrong": wrong,
    "help": help_reply,
    "greeting": greeting,
    "other": other,
}
