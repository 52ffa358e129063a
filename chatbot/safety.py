"""What the tutor lets in and out: length, rude words, personal details, the system prompt.

Plain Python (no Django): the lists are lexicon's child-safety lists, checked offline.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from lexicon.safety import is_child_safe_text

KIND_RUDE_REPLY = "Let's keep our words kind. Ask me about a word, or about your practice."
TOO_LONG_REPLY = "That is a long message! Please ask one short question at a time."
PROVIDER_TROUBLE_NOTE = "The helper is busy right now, so here is what I know."

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_LONG_NUMBER = re.compile(r"\d[\d\s-]{4,}\d")
_PROMPT_MARKERS = ("system prompt", "safety policy", "you are the tutor", "learner context")


def is_safe(text: str) -> bool:
    """No rude word (or a form of one) and no sensitive topic."""
    return is_child_safe_text(text)


def pseudonym(learner_pk: int, secret: str) -> str:
    """A stable id for one learner that means nothing outside this server."""
    digest = hmac.new(secret.encode(), f"learner:{learner_pk}".encode(), hashlib.sha256).hexdigest()
    return f"learner-{digest[:16]}"


def redact(text: str, *, names: tuple[str, ...] = ()) -> str:
    """Take e-mail addresses, phone-like numbers and the learner's own names out of a message."""
    text = _EMAIL.sub("[e-mail]", text)
    text = _LONG_NUMBER.sub("[number]", text)
    for name in names:
        if name and len(name) > 1:
            text = re.sub(rf"\b{re.escape(name)}\b", "[name]", text, flags=re.IGNORECASE)
    return text


def reveals_prompt(reply: str, system_prompt: str) -> bool:
    """True when a reply quotes the instructions: their markers, or any 8 words of them in a row."""
    lowered = reply.lower()
    if any(marker in lowered for marker in _PROMPT_MARKERS):
        return True
    words = re.findall(r"[a-z0-9]+", system_prompt.lower())
    reply_words = " ".join(re.findall(r"[a-z0-9]+", lowered))
    return any(" ".join(words[i : i + 8]) in reply_words for i in range(0, max(len(words) - 7, 0)))


def safe_prefix(text: str) -> str:
    """The part of a streamed reply that can be shown already: whole words, all of them safe."""
    cut = max(text.rfind(" "), text.rfind("\n"))
    shown = text[: cut + 1] if cut >= 0 else ""
    return shown if is_safe(shown) else ""
