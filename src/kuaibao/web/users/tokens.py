"""API tokens for scripts: create (shown once), list, revoke; as JSON and as a page.

Tokens are made only from a signed-in browser session, never with another token, so a
leaked token cannot mint replacements that outlive its revocation.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException
from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kuaibao.store import ApiToken, Store
from kuaibao.web.core.auth.roles import AnalystUser, Principal
from kuaibao.web.core.auth.secrets import digest, new_api_token
from kuaibao.web.core.deps import StoreDep
from kuaibao.web.core.schemas import Id, Label, errors
from kuaibao.web.core.state import utcnow
from kuaibao.web.core.templating import render

router = APIRouter()


class TokenOut(BaseModel):
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None

    @classmethod
    def of(cls, token: ApiToken) -> TokenOut:
        return cls(
            id=token.id,
            name=token.name,
            created_at=token.created_at,
            last_used_at=token.last_used_at,
        )


class NewToken(TokenOut):
    """The new token with its secret: shown this once, never stored in clear."""

    token: str


class TokenIn(BaseModel):
    name: Label


def create_token(store: Store, me: Principal, name: str) -> NewToken:
    """A new token for the signed-in user; refused for callers that used a token."""
    if me.via != "session" or me.user.id is None:
        raise HTTPException(403, "API tokens can only be created from a signed-in session")
    secret = new_api_token()
    token = store.users.add_token(me.user.id, name, digest(secret), now=utcnow())
    return NewToken(**TokenOut.of(token).model_dump(), token=secret)


def _own(store: Store, me: Principal) -> list[TokenOut]:
    return [TokenOut.of(t) for t in store.users.tokens(me.user.id or 0)]


@router.get("/api/tokens", response_model=list[TokenOut], responses=errors())
def list_tokens_api(me: AnalystUser, store: StoreDep) -> list[TokenOut]:
    """The caller's tokens (names and dates, never the secrets)."""
    return _own(store, me)


@router.post("/api/tokens", response_model=NewToken, status_code=201, responses=errors())
def create_token_api(body: TokenIn, me: AnalystUser, store: StoreDep) -> NewToken:
    """Create a token (session callers only); the secret is in this answer and nowhere else."""
    return create_token(store, me, body.name)


@router.delete(
    "/api/tokens/{token_id}", status_code=204, response_class=Response, responses=errors(404)
)
def revoke_token_api(token_id: Id, me: AnalystUser, store: StoreDep) -> Response:
    """Revoke one of the caller's tokens."""
    store.users.revoke_token(token_id, user_id=me.user.id or 0)
    return Response(status_code=204)


@router.get("/tokens", include_in_schema=False)
def tokens_page(request: Request, me: AnalystUser, store: StoreDep) -> HTMLResponse:
    return render(request, "tokens.html", me, tokens=_own(store, me), created=None)


@router.post("/tokens", include_in_schema=False)
def create_token_form(
    request: Request,
    me: AnalystUser,
    store: StoreDep,
    name: Annotated[str, Form(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]+$")],
) -> HTMLResponse:
    created = create_token(store, me, name)
    return render(request, "tokens.html", me, tokens=_own(store, me), created=created)


@router.post("/tokens/{token_id}/revoke", include_in_schema=False)
def revoke_token_form(token_id: Id, me: AnalystUser, store: StoreDep) -> Response:
    store.users.revoke_token(token_id, user_id=me.user.id or 0)
    return RedirectResponse("/tokens", status_code=303)
