"""Real people saying single words, from two Debian packages (GPL-2; never committed).

    make speech-data      # apt-get download (pinned) + dpkg -x + this script

``ktuberling-data`` (KTuberling's English object words, one speaker) and
``tuxpaint-stamps-default`` (Tux Paint's animal names, ``*_desc.ogg``, another
speaker).  Each clip is converted to 16 kHz mono WAV, and a second, slightly slower
copy with other room noise stands in for "say it once more" (the packages hold one
reading per word).  ``manifest.csv`` lists: file, again (the second reading), word,
speaker, rivals (targets a reader might be asked for instead: the clip "hat" judged
against "cat" must be rejected), and half (tuning / held-out, fixed by the word).

    python benchmarks/real_voices.py --root benchmarks/data/debs/root --out benchmarks/data/real
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from speech import sounds  # noqa: E402
from speech.judge import candidates_for, likely_misreadings  # noqa: E402

SOURCES = [
    ("ktuberling", "usr/share/ktuberling/sounds/en", "*.ogg", lambda stem: stem.rsplit("_", 1)[-1]),
    (
        "tuxpaint",
        "usr/share/tuxpaint/stamps/animals",
        "**/*_desc.ogg",
        lambda stem: stem.removesuffix("_desc"),
    ),
]
RIVALS = 2


def half(word: str) -> str:
    """Half the words tune, the other half are held out; fixed by the word, never random."""
    return "tuning" if int(hashlib.sha1(word.encode()).hexdigest(), 16) % 2 == 0 else "held-out"


def rivals(word: str) -> list[str]:
    """Words a reader might have been asked for when saying ``word``."""
    found = [w for w in [*likely_misreadings(word), *candidates_for(word)] if sounds.is_dictionary_word(w)]
    return list(dict.fromkeys(w for w in found if w != word))[:RIVALS]


def decode(path: Path) -> np.ndarray:
    pcm = subprocess.run(
        [
            "ffmpeg",
            "-nostdin",
            "-loglevel",
            "error",
            "-i",
            str(path),
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
    return np.frombuffer(pcm, dtype=np.float32)


def write_wav(samples: np.ndarray, out: Path) -> None:
    data = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
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
            str(out),
        ],
        input=data,
        check=True,
        capture_output=True,
        timeout=60,
    )


def again(first: Path, out: Path, seed: int) -> None:
    """A second reading: 8 % slower, another level, another room noise."""
    slower = out.with_suffix(".tmp.wav")
    subprocess.run(["sox", str(first), str(slower), "tempo", "-s", "0.92"], check=True, capture_output=True)
    samples = decode(slower)
    slower.unlink()
    rng = np.random.default_rng(seed)
    samples = samples * rng.uniform(0.6, 1.0)
    samples = samples + rng.standard_normal(len(samples)).astype(np.float32) * 10 ** (
        rng.uniform(-60, -50) / 20
    )
    write_wav(samples, out)


def build(root: Path, out: Path) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for speaker, folder, pattern, word_of in SOURCES:
        for path in sorted((root / folder).glob(pattern)):
            word = word_of(path.stem).lower()
            if not (word.isalpha() and sounds.in_cmudict(word)):
                continue  # several words, or not English ("sphynx", "nandou")
            first = out / f"{speaker}_{word}.wav"
            second = out / f"{speaker}_{word}_again.wav"
            if not first.exists():
                write_wav(decode(path), first)
            if not second.exists():
                again(first, second, seed=int(hashlib.sha1(first.name.encode()).hexdigest()[:8], 16))
            rows.append(
                {
                    "file": first.name,
                    "again": second.name,
                    "word": word,
                    "speaker": speaker,
                    "rivals": " ".join(rivals(word)),
                    "half": half(word),
                }
            )
    with open(out / "manifest.csv", "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", required=True, help="folder the .deb packages were extracted into")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    rows = build(Path(args.root), Path(args.out))
    by = {}
    for row in rows:
        by[(row["speaker"], row["half"])] = by.get((row["speaker"], row["half"]), 0) + 1
    print(f"{len(rows)} clips: " + ", ".join(f"{s} {h} {n}" for (s, h), n in sorted(by.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
