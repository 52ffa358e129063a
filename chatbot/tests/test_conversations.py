"""Conversations are Alice's: they persist, she can clear them, and nobody else may read them."""

import pytest
from django.urls import reverse

from chatbot.models import Conversation, Message

pytestmark = pytest.mark.django_db


def test_history_persists_across_visits_and_lists_the_conversation(client, ask, alice, level_one):
    ask(alice, "how do i say cat")
    ask(alice, "what shud i practis")
    page = client.get("/chat/").content.decode()
    assert "how do i say cat" in page and "what shud i practis" in page
    conversation = Conversation.objects.get(learner=alice)
    history = client.get("/chat/history/").content.decode()
    assert conversation.get_absolute_url() in history and "4 messages" in history
    assert "how do i say cat" in client.get(conversation.get_absolute_url()).content.decode()


def test_a_new_chat_starts_a_second_conversation_and_keeps_the_first(client, ask, alice, level_one):
    ask(alice, "hi")
    client.post("/chat/conversations/new/")
    ask(alice, "help")
    assert Conversation.objects.filter(learner=alice).count() == 2
    assert "hlep" not in client.get("/chat/").content.decode()
    assert "help" in client.get("/chat/").content.decode()


def test_clearing_history_deletes_every_conversation_of_that_learner_only(client, ask, alice, bob, level_one):
    ask(bob, "hi")
    ask(alice, "how do i say cat")
    client.force_login(alice)
    response = client.post("/chat/history/clear/", follow=True)
    assert "Your chat history is cleared." in response.content.decode()
    assert not Conversation.objects.filter(learner=alice).exists()
    assert not Message.objects.filter(conversation__learner=alice).exists()
    assert Message.objects.filter(conversation__learner=bob).count() == 2


def test_clearing_is_a_post_only(client, ask, alice, level_one):
    ask(alice, "hi")
    assert client.get("/chat/history/clear/").status_code == 405
    assert Conversation.objects.filter(learner=alice).exists()


def test_another_learners_conversation_and_messages_are_404(client, ask, alice, bob, uma, level_one):
    ask(alice, "how do i say cat")
    conversation = Conversation.objects.get(learner=alice)
    message = conversation.messages.first()
    for user in (bob, uma):
        client.force_login(user)
        assert client.get(conversation.get_absolute_url()).status_code == 404
        assert client.get(message.get_absolute_url(), headers={"HX-Request": "true"}).status_code == 404
    client.force_login(bob)
    assert "how do i say cat" not in client.get("/chat/").content.decode()
    assert "how do i say cat" not in client.get("/chat/history/").content.decode()


def test_a_linked_parent_may_read_but_not_chat(client, ask, alice, paula, level_one):
    ask(alice, "how do i say cat")
    conversation = Conversation.objects.get(learner=alice)
    client.force_login(paula)
    assert "how do i say cat" in client.get(conversation.get_absolute_url()).content.decode()
    assert "The tutor is for learners" in client.get("/chat/").content.decode()
    assert client.post("/chat/ask/", {"text": "hi"}).status_code == 403
    assert client.post("/chat/history/clear/").status_code == 403
    assert Conversation.objects.filter(learner=alice).exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get("/chat/").status_code == 302
    assert client.post("/chat/ask/", {"text": "hi"}).status_code == 302


def test_the_chat_page_reads_in_constant_queries(
    client, ask, alice, level_one, django_assert_max_num_queries
):
    for text in ["hi", "how do i say cat", "what does map mean", "help", "how am i doing"] * 3:
        ask(alice, text)
    with django_assert_max_num_queries(8):
        assert client.get("/chat/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("chatbot:history")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(Conversation.objects.get().get_absolute_url()).status_code == 200


def test_the_practice_page_has_a_tutor_panel_that_asks_about_its_word(client, ask, alice, level_one):
    from learning.models import Word

    word = Word.objects.get(text="rabbit")
    client.force_login(alice)
    page = client.get(word.get_absolute_url()).content.decode()
    assert "Ask the tutor about “rabbit”" in page and 'name="word" value="rabbit"' in page
    html = ask(alice, "how do i say it", word="rabbit", panel=True).content.decode()
    assert "r-a-bb-i-t" in html and 'id="tutor-panel-form-slot" hx-swap-oob' in html
