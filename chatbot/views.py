import time

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from dyslexia_site.limits import limited

from . import actions, rules
from .forms import QuestionForm, VoiceQuestionForm
from .models import Conversation, Message, VoiceQuestion


def _learner_only(request):
    if not rules.may_chat(request.user):
        raise PermissionDenied("The tutor is for learners.")


def _chat_context(request, *, form=None, voice_form=None) -> dict:
    conversation = rules.current_conversation(request.user)
    return {
        "conversation": conversation,
        "chat_messages": rules.recent_messages(conversation),
        "form": form or QuestionForm(),
        "voice_form": voice_form or VoiceQuestionForm.fresh(opened_at=time.time()),
    }


@login_required
@require_GET
def chat(request):
    if not rules.may_chat(request.user):
        return render(request, "chatbot/not_for_you.html")
    return render(request, "chatbot/chat.html", _chat_context(request))


@login_required
@require_POST
@limited("chat", "CHAT_RATE_LIMIT")
def ask(request):
    _learner_only(request)
    form = QuestionForm(request.POST)
    panel = request.POST.get("panel") == "True"
    if not form.is_valid():
        if request.htmx:
            template = "partials/tutor_panel.html#panel-form" if panel else "chatbot/chat.html#ask-form"
            context = {"form": form, "word": request.POST.get("word", "")[:40]}
            response = render(request, template, context, status=422)
            slot = "#tutor-panel-form-slot" if panel else "#ask-form-slot"
            return reswap(retarget(response, slot), "innerHTML")
        return render(request, "chatbot/chat.html", _chat_context(request, form=form), status=422)
    question, answer = actions.ask(
        learner=request.user, text=form.cleaned_data["text"], about_word=form.cleaned_data["word"]
    )
    if not request.htmx:
        return redirect("chatbot:chat")
    context = {
        "chat_messages": [question, answer],
        "fresh_form": QuestionForm(initial={"word": form.cleaned_data["word"]}),
        "panel": panel,
        "word": form.cleaned_data["word"],
    }
    return render(request, "chatbot/chat.html#exchange", context)


@login_required
@require_POST
@limited("uploads", "UPLOAD_RATE_LIMIT")
def ask_by_voice(request):
    _learner_only(request)
    form = VoiceQuestionForm(request.POST, request.FILES)
    if not form.is_valid():
        shown = VoiceQuestionForm.fresh(opened_at=time.time()) if form.token_error else form
        if request.htmx:
            response = render(request, "chatbot/chat.html#voice-form", {"voice_form": shown}, status=422)
            return reswap(retarget(response, "#voice-form-slot"), "innerHTML")
        return render(request, "chatbot/chat.html", _chat_context(request, voice_form=shown), status=422)
    question = actions.record_voice_question(
        learner=request.user,
        upload=form.upload,
        client_token=form.cleaned_data["client_token"],
        about_word=form.cleaned_data["word"],
    )
    if not request.htmx:
        return redirect("chatbot:chat")
    question.refresh_from_db()
    context = {"voice": question, "voice_form": VoiceQuestionForm.fresh(opened_at=time.time()), "fresh": True}
    return render(request, "chatbot/chat.html#voice", context)


@login_required
@require_GET
def voice_question(request, question_id):
    """Polled while a spoken question is transcribed; then shows the exchange it became."""
    question = get_object_or_404(
        VoiceQuestion.objects.owned_by(request.user).select_related("question"), pk=question_id
    )
    if not request.htmx:
        return redirect("chatbot:chat")
    context = {"voice": question}
    if question.question is not None:
        context["chat_messages"] = list(
            Message.objects.filter(conversation_id=question.conversation_id, pk__gte=question.question.pk)[:2]
        )
    return render(request, "chatbot/chat.html#voice", context)


@login_required
@require_GET
def message(request, message_id):
    """One message: polled while a model writes an answer (reading only)."""
    shown = get_object_or_404(Message.objects.visible_to(request.user), pk=message_id)
    if not request.htmx:
        return redirect(shown.conversation)
    return render(request, "chatbot/chat.html#message", {"message": shown})


@login_required
@require_GET
def history(request):
    _learner_only(request)
    conversations = rules.conversations_with_counts(request.user)
    return render(request, "chatbot/history.html", {"conversations": conversations})


@login_required
@require_GET
def conversation(request, conversation_id):
    shown = get_object_or_404(
        Conversation.objects.visible_to(request.user).select_related("learner"), pk=conversation_id
    )
    return render(
        request,
        "chatbot/conversation.html",
        {"conversation": shown, "chat_messages": shown.messages.all()},
    )


@login_required
@require_POST
def new_conversation(request):
    _learner_only(request)
    actions.start_conversation(learner=request.user)
    return redirect("chatbot:chat")


@login_required
@require_POST
def clear(request):
    _learner_only(request)
    actions.clear_history(learner=request.user)
    flash.success(request, "Your chat history is cleared.")
    return redirect("chatbot:history")
