import uuid

from django import forms
from django.core import signing

import speech

from .recordings import Upload

OPENED_SALT = "learning.practice.opened"
EXTENSIONS = {"webm": "webm", "ogg": "ogg", "mp4": "m4a", "wav": "wav", "mp3": "mp3", "flac": "flac"}


def sign_opened_at(timestamp: float) -> str:
    return signing.dumps(timestamp, salt=OPENED_SALT)


class RecordingForm(forms.Form):
    """One spoken word: checked (type, size, length, silence) before anything is stored."""

    recording = forms.FileField(
        label="Upload a recording of you saying the word",
        error_messages={
            "required": "We didn't get a recording. Press the microphone button and say the word.",
            "empty": "We didn't get a recording. Press the microphone button and say the word.",
        },
    )
    client_token = forms.UUIDField(widget=forms.HiddenInput)
    opened = forms.CharField(widget=forms.HiddenInput, required=False)

    @classmethod
    def fresh(cls, *, opened_at: float) -> "RecordingForm":
        return cls(initial={"client_token": uuid.uuid4(), "opened": sign_opened_at(opened_at)})

    def clean_recording(self):
        upload = self.cleaned_data["recording"]
        if upload.size > speech.Limits.from_settings().max_bytes:
            # Refused from its size, before reading it into memory.
            raise forms.ValidationError(speech.audio.MESSAGES["too_big"], code="too_big")
        data = upload.read()
        try:
            audio = speech.validate(data)
        except speech.AudioRejected as rejected:
            raise forms.ValidationError(rejected.message, code=rejected.code) from None
        self.upload = Upload(data=data, extension=EXTENSIONS.get(audio.kind, "bin"), seconds=audio.duration)
        return upload

    def clean_opened(self):
        # Only used to measure practice time; a missing or forged value just counts as zero.
        try:
            return float(
                signing.loads(self.cleaned_data.get("opened") or "", salt=OPENED_SALT, max_age=86400)
            )
        except (signing.BadSignature, TypeError, ValueError):
            return None

    @property
    def token_error(self) -> bool:
        return "client_token" in self.errors
