"""Password hashing with argon2id (the parameters come from ``[web]`` settings)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kuaibao.config import WebSettings


class Passwords:
    """Hash and check passwords; the cost comes from the ``[web]`` settings."""

    def __init__(self, *, time_cost: int = 3, memory_kib: int = 65536) -> None:
        self._hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)
        # Checked against when the user does not exist, so that answering "no such user"
        # takes as long as a wrong password and timing does not reveal who has an account.
        self._dummy = self._hasher.hash("kuaibao-no-such-user")

    @classmethod
    def from_settings(cls, web: WebSettings) -> Passwords:
        return cls(time_cost=web.password_time_cost, memory_kib=web.password_memory_kib)

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        """True when ``password`` matches; a missing hash costs the same time and fails."""
        try:
            return self._hasher.verify(password_hash or self._dummy, password) and bool(
                password_hash
            )
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        """True when the hash was made with other parameters than the current ones."""
        try:
            return self._hasher.check_needs_rehash(password_hash)
        except InvalidHashError:
            return True
