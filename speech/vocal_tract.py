"""How long the speaker's vocal tract sounds, from the formants of the voiced frames.

Whisper learnt English mostly from adults. A child's vocal tract is shorter, so every
formant sits higher (about a third above an adult man's), and Whisper hears a child's
"bad" as "bed" or "Bye!" far more often than an adult's. Pitch does not tell the two
apart: a child-like voice made from a man's voice can be lower than a woman's. The
formants do: a tube closed at one end resonates at (2n - 1) c / 4L, and the third
formant moves least from vowel to vowel, so its median over a word gives the length
(adult men ~2500 Hz, women ~3000 Hz, young children 3500 Hz and more).

:func:`normalised` lowers a recording whose third formant is above
``SPEECH_LOWER_FORMANTS_ABOVE_HZ``: it stretches the waveform so that it sounds like the
same speech from a longer tract (pitch and formants together, the idea of vocal-tract
length normalisation). Adults' recordings are left as they are.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from scipy.signal import resample_poly

from .audio import FRAME, Audio, frames
from .config import setting

SAMPLE_RATE = 16000
# Lowering by more than this changes the words as well as the voice.
MOST_LOWERED = 0.75
_ORDER = 18  # LPC order for 16 kHz: 2 + kHz


def _lpc(frames: np.ndarray, order: int = _ORDER) -> np.ndarray:
    """LPC polynomials of many frames at once (Levinson-Durbin on their autocorrelations)."""
    size = 1 << (2 * frames.shape[1] - 1).bit_length()
    spectrum = np.fft.rfft(frames, size)
    corr = np.fft.irfft(np.abs(spectrum) ** 2, size)[:, : order + 1]
    corr[:, 0] *= 1.0 + 1e-9  # a touch of white noise keeps the recursion stable
    a = np.zeros((len(frames), order + 1))
    a[:, 0] = 1.0
    error = corr[:, 0].copy()
    for i in range(1, order + 1):
        k = -np.einsum("fj,fj->f", a[:, :i], corr[:, i:0:-1]) / np.maximum(error, 1e-12)
        a[:, 1 : i + 1] = a[:, 1 : i + 1] + k[:, None] * a[:, i - 1 :: -1][:, :i]
        error *= 1.0 - k**2
    return a


def _formant_tracks(polynomials: np.ndarray) -> list[list[float]]:
    """The first three formants of each frame whose polynomial shows three clear resonances."""
    order = polynomials.shape[1] - 1
    companion = np.zeros((len(polynomials), order, order))
    companion[:, 0, :] = -polynomials[:, 1:]
    companion[:, np.arange(1, order), np.arange(order - 1)] = 1.0
    roots = np.linalg.eigvals(companion[np.isfinite(companion).all(axis=(1, 2))])
    tracks = []
    for frame_roots in roots:
        upper = frame_roots[np.imag(frame_roots) > 0]
        freqs = np.angle(upper) * SAMPLE_RATE / (2 * np.pi)
        bandwidths = -np.log(np.abs(upper)) * SAMPLE_RATE / np.pi
        found = np.sort(freqs[(freqs > 200) & (freqs < 5500) & (bandwidths < 400)])
        if len(found) >= 3:
            tracks.append(found[:3])
    return tracks


def formants(samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> tuple[float, float, float] | None:
    """Median F1, F2, F3 (Hz) over the loudest voiced frames, or None when too little is voiced."""
    if sample_rate != SAMPLE_RATE:
        raise ValueError("formants() expects 16 kHz audio")
    x = np.asarray(samples, dtype=np.float64)
    if len(x) < FRAME * 4:
        return None
    framed = frames(x)
    energy = np.sqrt(np.mean(framed**2, axis=1))
    if energy.max() < 1e-4:  # -80 dBFS: nothing was said
        return None
    # Voiced: loud, and more energy at low frequencies than high (a low zero-crossing rate).
    crossings = np.mean(np.abs(np.diff(np.sign(framed), axis=1)) > 0, axis=1)
    loud = energy >= 0.25 * energy.max()
    voiced = np.where(loud & (crossings < 0.25))[0]
    if len(voiced) < 5:
        return None
    emphasised = np.append(x[0], x[1:] - 0.97 * x[:-1])
    windowed = frames(emphasised)[voiced] * np.hamming(FRAME)
    tracks = _formant_tracks(_lpc(windowed))
    if len(tracks) < 5:
        return None
    f1, f2, f3 = np.median(np.array(tracks), axis=0)
    return float(f1), float(f2), float(f3)


def lowering_factor(samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> float:
    """How much to lower this recording (1.0: leave it): a voice whose median third formant is
    above ``SPEECH_LOWER_FORMANTS_ABOVE_HZ`` is brought down to ``SPEECH_LOWER_FORMANTS_TO_HZ``,
    never by more than a quarter."""
    found = formants(samples, sample_rate)
    if found is None or found[2] <= setting("SPEECH_LOWER_FORMANTS_ABOVE_HZ"):
        return 1.0
    return max(MOST_LOWERED, setting("SPEECH_LOWER_FORMANTS_TO_HZ") / found[2])


def lowered(samples: np.ndarray, factor: float) -> np.ndarray:
    """The same recording with every frequency multiplied by ``factor`` (< 1: lower, longer)."""
    if factor >= 1.0:
        return samples
    # Playing N samples as if they were N / factor: resample up by 1/factor, keep the rate.
    up = round(100 / factor)
    return resample_poly(samples, up, 100).astype(np.float32)


def normalised(audio: Audio) -> Audio:
    """``audio`` as Whisper should hear it: a child's voice lowered towards an adult's
    (``SPEECH_LOWER_FORMANTS_ABOVE_HZ`` 0: every voice as recorded)."""
    if not setting("SPEECH_LOWER_FORMANTS_ABOVE_HZ"):
        return audio
    factor = lowering_factor(audio.samples, audio.sample_rate)
    if factor >= 1.0:
        return audio
    samples = lowered(audio.samples, factor)
    return replace(audio, samples=samples, duration=len(samples) / audio.sample_rate)
