"""Random secrets and their digests: session cookies, CSRF tokens and API tokens.

Only the SHA-256 of a cookie or token is stored, so reading the database gives no way in.
SHA-256 (not argon2) is right here: the secrets are 256 random bits, not guessable words.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

API_TOKEN_PREFIX = "kb_"


def new_secret() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def new_api_token() -> str:
    """A bearer token; the prefix makes leaked tokens easy to recognise in logs and scans."""
    return API_TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """The stored form of a cookie or token: SHA-256, hex."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same(expected: str | None, given: str | None) -> bool:
    """Compare secrets in constant time; a missing value never matches."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))
