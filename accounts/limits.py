"""A small fixed-window rate limiter on the cache, for link codes and children's PIN logins.

It fails open: if the cache is down, people can still log in and link (the PIN's slow
hash and the codes' short life still stand), rather than every child being locked out.
"""

import logging

from django.core.cache import cache

log = logging.getLogger(__name__)


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


class Limit:
    def __init__(self, name: str, attempts: int, seconds: int):
        self.name, self.attempts, self.seconds = name, attempts, seconds

    def _key(self, who: str) -> str:
        return f"limit:{self.name}:{who}"

    def is_blocked(self, *whos: str) -> bool:
        try:
            counts = cache.get_many([self._key(who) for who in whos])
        except Exception:  # noqa: BLE001 - fail open, see the module's docstring
            log.warning("Rate-limit cache unavailable; letting %s through", self.name, exc_info=True)
            return False
        return any((count or 0) >= self.attempts for count in counts.values())

    def hit(self, *whos: str) -> None:
        """Count one failure against each of ``whos`` (an IP, a user, a login name)."""
        for who in whos:
            key = self._key(who)
            try:
                if cache.add(key, 1, self.seconds):
                    continue
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, self.seconds)
            except Exception:  # noqa: BLE001 - fail open
                log.warning("Rate-limit cache unavailable; not counting %s", self.name, exc_info=True)

    def clear(self, *whos: str) -> None:
        try:
            cache.delete_many([self._key(who) for who in whos])
        except Exception:  # noqa: BLE001 - fail open
            log.warning("Rate-limit cache unavailable", exc_info=True)


# Wrong link codes: a code has 31^8 values and lives 30 minutes; five wrong tries per quarter hour.
LINK_CODE_TRIES = Limit("link-code", attempts=5, seconds=15 * 60)
# Children's PIN logins, like allauth's e-mail logins: per login name, and per address.
PIN_LOGIN_PER_NAME = Limit("pin-login-name", attempts=5, seconds=5 * 60)
PIN_LOGIN_PER_IP = Limit("pin-login-ip", attempts=10, seconds=60)
