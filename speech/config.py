"""Settings lookup for the speech package.

The package is plain Python: it reads ``django.conf.settings`` only when Django
is installed *and* already configured, otherwise environment variables, otherwise
the built-in default.  Nothing here configures Django.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

_MISSING = object()

# Repository root (…/speech/config.py -> parents[1]).
REPO_ROOT = Path(__file__).resolve().parents[1]


def _django_setting(name: str) -> Any:
    try:
        from django.conf import settings
    except ImportError:  # Django not installed: plain Python use.
        return _MISSING
    try:
        if not settings.configured:
            return _MISSING
        return getattr(settings, name, _MISSING)
    except Exception:  # noqa: BLE001 - a half-configured Django must not break speech.
        return _MISSING


def setting(name: str, default: Any = None) -> Any:
    """Django setting ``name`` if configured, else env var ``name``, else ``default``.

    Env values are strings; they are converted to the type of ``default`` when it is
    a bool, int, float or list/tuple (comma separated).
    """
    value = _django_setting(name)
    if value is not _MISSING:
        return value
    raw = os.environ.get(name)
    if raw is None:
        return default
    return _coerce(raw, default)


def _coerce(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            return default
    if isinstance(default, float):
        try:
            return float(raw)
        except ValueError:
            return default
    if isinstance(default, list | tuple):
        return [part.strip() for part in raw.split(",") if part.strip()]
    return raw


def models_root() -> Path:
    """Folder that holds locally installed speech models (``softwaremodels/``)."""
    return Path(setting("SPEECH_MODELS_DIR", str(REPO_ROOT / "softwaremodels")))


def django_cache():
    """Django's default cache when Django is configured, else None (plain Python use)."""
    try:
        from django.conf import settings

        if not settings.configured:
            return None
        from django.core.cache import cache

        return cache
    except Exception:  # noqa: BLE001 - no usable Django: callers keep state in the process
        return None
