"""Read-only questions about a learner's conversations with the tutor."""

from .models import Conversation, Message


def current_conversation(learner) -> Conversation | None:
    return Conversation.objects.owned_by(learner).first()


def recent_messages(conversation: Conversation | None, limit: int = 60) -> list[Message]:
    if conversation is None:
        return []
    newest = conversation.messages.order_by("-created_at", "-pk")[:limit]
    return list(reversed(newest))


def conversations_with_counts(learner):
    from django.db.models import Count, Min

    return (
        Conversation.objects.owned_by(learner)
        .annotate(message_count=Count("messages"), started_at=Min("messages__created_at"))
        .filter(message_count__gt=0)
    )


def may_chat(user) -> bool:
    """The tutor is for learners; parents read their children's conversations."""
    return user.is_authenticated and user.is_learner
