from django.urls import path

from . import views

app_name = "chatbot"

urlpatterns = [
    path("", views.chat, name="chat"),
    path("ask/", views.ask, name="ask"),
    path("voice/", views.ask_by_voice, name="ask_by_voice"),
    path("voice/<int:question_id>/", views.voice_question, name="voice"),
    path("messages/<int:message_id>/", views.message, name="message"),
    path("history/", views.history, name="history"),
    path("history/clear/", views.clear, name="clear"),
    path("conversations/new/", views.new_conversation, name="new"),
    path("conversations/<int:conversation_id>/", views.conversation, name="conversation"),
]
