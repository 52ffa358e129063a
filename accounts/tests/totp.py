"""Codes an authenticator app would show, computed here (RFC 6238), not by allauth."""

import base64
import hashlib
import hmac
import struct
import time


def totp_code(secret: str, at: float | None = None, period: int = 30, digits: int = 6) -> str:
    counter = int(time.time() if at is None else at) // period
    digest = hmac.new(
        base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


def fresh_totp_code(secret: str, period: int = 30) -> str:
    """A code with a few seconds of its window left, so the server sees the same window."""
    left = period - time.time() % period
    if left < 3:
        time.sleep(left + 0.1)
    return totp_code(secret, period=period)
