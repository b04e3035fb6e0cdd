"""Pieces every JSON route shares: the error body, documented error responses, safe types.

``Label`` and ``Id`` bound what clients may send (no control characters, ids that fit a
database integer), so odd input is a 422 and never reaches the database as a 500.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import Path
from pydantic import BaseModel, Field, StringConstraints

from kuaibao.domain import Role, User

Label = Annotated[
    str, StringConstraints(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]+$")
]
Id = Annotated[int, Path(ge=1, le=2_147_483_647)]

_DESCRIPTIONS = {
    400: "The request was understood but refused (the message says why)",
    401: "No session cookie or API token, or not a valid one",
    403: "Signed in, but the role is too low or the CSRF token is missing",
    404: "No such record",
    409: "Conflicts with a stored record",
    429: "Too many failed attempts; see Retry-After",
    503: "The database cannot be reached",
}


class Problem(BaseModel):
    """What every refused API call answers."""

    detail: str


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the given status codes (401 and 403 are always added)."""
    wanted = sorted({401, 403, *codes})
    return {code: {"model": Problem, "description": _DESCRIPTIONS[code]} for code in wanted}


class UserOut(BaseModel):
    """A user as the API shows it (never the password hash)."""

    id: int
    name: str
    display_name: str | None = Field(
        None, description="The name printed on the user's 供稿 lines (else ``name``)"
    )
    role: Role
    disabled: bool
    created_at: datetime | None = None
    last_seen_at: datetime | None = None

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(
            id=user.id or 0,
            name=user.name,
            display_name=user.display_name,
            role=user.role,
            disabled=user.disabled,
            created_at=user.created_at,
            last_seen_at=user.last_seen_at,
        )
