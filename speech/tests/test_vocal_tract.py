"""A child's voice is lowered towards an adult's before Whisper hears it; an adult's is left
alone. Voices made with espeak-ng at test time; the child's is the same voice with every
frequency a third higher (a shorter vocal tract)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from scipy.signal import resample_poly

import speech
from speech import recognisers, vocal_tract
from speech.audio import from_samples, load_audio
from speech.config import SETTINGS
from speech.recognisers import Evidence
from speech.tests.test_audio import wav_of

pytestmark = pytest.mark.skipif(
    not (shutil.which("espeak-ng") and shutil.which("ffmpeg")), reason="needs espeak-ng and ffmpeg"
)


def child_of(samples: np.ndarray) -> np.ndarray:
    """Every frequency 4/3 higher, as from a vocal tract a quarter shorter."""
    return resample_poly(samples, 3, 4).astype(np.float32)


@pytest.fixture(scope="module")
def adult(spoken):
    return load_audio(spoken("bad")).samples


@pytest.fixture(scope="module")
def child(adult):
    return child_of(adult)


@pytest.fixture
def lowering(settings):
    """The shipped settings, whatever the environment says."""
    for name in ("SPEECH_LOWER_FORMANTS_ABOVE_HZ", "SPEECH_LOWER_FORMANTS_TO_HZ"):
        setattr(settings, name, SETTINGS[name].default)
    return SETTINGS["SPEECH_LOWER_FORMANTS_TO_HZ"].default


def test_an_adult_mans_third_formant_is_where_adults_are(adult):
    f1, f2, f3 = vocal_tract.formants(adult)
    assert f1 < f2 < f3
    assert 2200 < f3 < 3000


def test_a_shorter_vocal_tract_raises_the_third_formant_by_as_much(adult, child):
    ratio = vocal_tract.formants(child)[2] / vocal_tract.formants(adult)[2]
    assert ratio == pytest.approx(4 / 3, rel=0.08)


def test_an_adult_reading_is_left_as_recorded(lowering, adult):
    audio = from_samples(adult)
    assert vocal_tract.lowering_factor(adult) == 1.0
    assert vocal_tract.normalised(audio) is audio


def test_a_childs_reading_is_lowered_towards_an_adults(lowering, child):
    to_hz = lowering
    audio = from_samples(child)
    factor = vocal_tract.lowering_factor(child)
    assert vocal_tract.MOST_LOWERED <= factor < 0.95
    lowered = vocal_tract.normalised(audio)
    assert lowered.duration == pytest.approx(audio.duration / factor, rel=0.01)
    assert vocal_tract.formants(lowered.samples)[2] == pytest.approx(to_hz, rel=0.1)


def test_lowering_can_be_turned_off(settings, child):
    settings.SPEECH_LOWER_FORMANTS_ABOVE_HZ = 0
    audio = from_samples(child)
    assert vocal_tract.normalised(audio) is audio


def test_silence_and_a_click_have_no_formants(lowering):
    assert vocal_tract.formants(np.zeros(16000, np.float32)) is None
    click = np.zeros(16000, np.float32)
    click[100:140] = 0.5
    assert vocal_tract.formants(click) is None
    assert vocal_tract.lowering_factor(click) == 1.0


class Listener:
    """A fake engine that remembers how long each recording it heard was."""

    name = "listener"

    def __init__(self):
        self.durations: list[float] = []

    @classmethod
    def available(cls) -> bool:
        return True

    def evidence(self, audio, target, candidates):
        self.durations.append(audio.duration)
        return Evidence(self.name, target, (target, *candidates), {target: 0.0})

    def transcribe(self, audio):
        self.durations.append(audio.duration)
        return "what does bad mean"


def test_the_judge_hears_a_childs_reading_lowered_and_an_adults_as_recorded(
    monkeypatch, settings, lowering, adult, child
):
    monkeypatch.setattr(recognisers, "ENGINES", {"listener": Listener})
    monkeypatch.setattr(recognisers, "_instances", {})
    settings.SPEECH_ENGINES = ["listener"]
    settings.SPEECH_BUSY_ENGINE = ""
    settings.SPEECH_REFERENCES = False
    listener = recognisers.get_recogniser()

    speech.hear(from_samples(adult), "bad")
    speech.hear(from_samples(child), "bad")

    assert listener.durations[0] == pytest.approx(len(adult) / 16000)
    assert listener.durations[1] > len(child) / 16000 * 1.05


def test_the_tutor_hears_a_childs_spoken_question_lowered_and_an_adults_as_recorded(
    monkeypatch, lowering, adult, child
):
    monkeypatch.setattr(recognisers, "ENGINES", {"whisper": Listener})
    monkeypatch.setattr(recognisers, "_instances", {})
    listener = recognisers.get_engine("whisper")

    assert speech.transcribe(wav_of(adult)) == "what does bad mean"
    speech.transcribe(wav_of(child))

    assert listener.durations[0] == pytest.approx(len(adult) / 16000, abs=0.01)
    assert listener.durations[1] > len(child) / 16000 * 1.05
