"""A Redis cache that fails open: when Redis is unreachable the site keeps working.

The cache holds nothing that can't be lost: allauth's rate-limit counters, the
gTTS breaker, speech reference scores. If Redis is down, a request should not
answer 500 (allauth's limiter reads and writes the cache on every login). So a
connection error or timeout becomes a cache miss: reads return the default,
writes are skipped, `add` reports success (allauth's limiter takes a lock with
it), and a warning is logged. After a failure the cache skips Redis for a few
seconds so each request doesn't wait for the timeouts again.

The price, logged as a warning: while Redis is away, rate limits don't count.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class FailOpenRedisCache(RedisCache):
    retry_after_seconds = 5.0
    # Shared by every thread's cache object in this process: one outage, one warning.
    _down_until: dict[str, float] = {}
    _lock = threading.Lock()

    def __init__(self, server, params):
        super().__init__(server, params)
        self._server_key = server if isinstance(server, str) else ",".join(server)

    def _is_down(self) -> bool:
        return time.monotonic() < self._down_until.get(self._server_key, 0.0)

    def _trip(self, exc: Exception) -> None:
        with self._lock:
            already_down = self._is_down()
            self._down_until[self._server_key] = time.monotonic() + self.retry_after_seconds
        if not already_down:
            logger.warning(
                "Redis cache unreachable (%s: %s); carrying on without it for %.0f s. "
                "Rate limits are not counted meanwhile.",
                type(exc).__name__,
                exc,
                self.retry_after_seconds,
            )

    def _call(self, method, fallback, *args, **kwargs):
        if self._is_down():
            return fallback()
        try:
            return method(*args, **kwargs)
        except UNREACHABLE as exc:
            self._trip(exc)
            return fallback()

    def get(self, key, default=None, version=None):
        return self._call(super().get, lambda: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, dict, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, lambda: False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # True: a caller that locks with add() (allauth's limiter) goes ahead.
        return self._call(super().add, lambda: True, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, lambda: None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, lambda: False, key, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, lambda: None, keys, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (the Redis cache is unreachable).")

        return self._call(super().incr, missing, key, delta, version)

    def clear(self):
        return self._call(super().clear, lambda: False)
