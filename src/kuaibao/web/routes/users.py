"""User accounts (admins only): list and add, as JSON and as a page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from pydantic import BaseModel, StringConstraints
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kuaibao.domain import Role
from kuaibao.web.auth.accounts import MAX_PASSWORD_LENGTH, add_user
from kuaibao.web.auth.roles import AdminUser
from kuaibao.web.deps import StateDep, StoreDep
from kuaibao.web.schemas import UserOut, errors
from kuaibao.web.state import utcnow
from kuaibao.web.templating import render

router = APIRouter()


class UserIn(BaseModel):
    """A new user; the name and password rules are checked again on the server (400)."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[\w.@-]+$")]
    role: Role
    password: Annotated[str, StringConstraints(min_length=8, max_length=MAX_PASSWORD_LENGTH)]


@router.get("/api/users", response_model=list[UserOut], responses=errors())
def list_users_api(me: AdminUser, store: StoreDep) -> list[UserOut]:
    """Every user, by name."""
    return [UserOut.of(u) for u in store.users.all()]


@router.post("/api/users", response_model=UserOut, status_code=201, responses=errors(400, 409))
def add_user_api(body: UserIn, me: AdminUser, state: StateDep) -> UserOut:
    """Add a user with a role and an initial password."""
    user = add_user(state.store, state.passwords, body.name, body.role, body.password, now=utcnow())
    return UserOut.of(user)


@router.get("/users", include_in_schema=False)
def users_page(request: Request, me: AdminUser, store: StoreDep) -> HTMLResponse:
    return render(request, "users.html", me, users=store.users.all(), roles=list(Role))


@router.post("/users", include_in_schema=False)
def add_user_form(
    me: AdminUser,
    state: StateDep,
    name: Annotated[str, Form(max_length=64)],
    role: Annotated[Role, Form()],
    password: Annotated[str, Form(max_length=MAX_PASSWORD_LENGTH)],
) -> Response:
    add_user(state.store, state.passwords, name, role, password, now=utcnow())
    return RedirectResponse("/users", status_code=303)
