from django import forms

from learning.forms import RecordingForm

from .models import Message


class QuestionForm(forms.Form):
    text = forms.CharField(
        label="Ask the tutor",
        max_length=Message.MAX_QUESTION_CHARS,
        strip=True,
        error_messages={
            "required": "Type a question first, like “how do I say ship”.",
            "max_length": "That is a long message! Please ask one short question at a time.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "how do I say ship"}),
    )
    # The word on the practice page the panel sits on: "how do I say it" means this word.
    word = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)
    panel = forms.BooleanField(required=False, widget=forms.HiddenInput)


class VoiceQuestionForm(RecordingForm):
    """A spoken question: checked like every recording (type, size, length, silence)."""

    word = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)
