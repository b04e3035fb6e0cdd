"""Who is making a request: the signed-in user and how they proved it.

Kept apart from ``roles`` (which finds the principal of a request and checks its role) so
that page rendering can name the principal without depending on how requests are
authenticated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kuaibao.domain import Role, User
from kuaibao.store import WebSession


@dataclass(frozen=True)
class Principal:
    """The signed-in user of one request, and how they proved it."""

    user: User
    via: Literal["session", "token"]
    session: WebSession | None = None

    @property
    def role(self) -> Role:
        return self.user.role

    @property
    def csrf_token(self) -> str | None:
        """The token forms and htmx must send back (None for bearer-token callers)."""
        return self.session.csrf_token if self.session else None
