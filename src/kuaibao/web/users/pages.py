"""User accounts (admins only): list, add, change role, disable or enable, reset a password;
as JSON and as a page.

The rules (name and password checks, no disabling oneself, always an enabled admin left)
are in ``web.core.auth.accounts`` and the store, shared with ``kuaibao users``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kuaibao.domain import Role, User
from kuaibao.errors import ConflictError, KuaibaoError, NotFoundError
from kuaibao.i18n import N_
from kuaibao.store.users import LastAdminError
from kuaibao.web.core.auth.accounts import (
    MAX_DISPLAY_NAME,
    MAX_PASSWORD_LENGTH,
    add_user,
    change_user,
    check_password,
    reset_password,
)
from kuaibao.web.core.auth.roles import AdminUser, Principal
from kuaibao.web.core.deps import StateDep, StoreDep
from kuaibao.web.core.schemas import Id, UserOut, errors
from kuaibao.web.core.state import AppState, utcnow
from kuaibao.web.core.templating import render

router = APIRouter()

Done = Literal["added", "role", "disabled", "enabled", "password", "display_name"]
# The schema states the rule (one line) that ``check_display_name`` enforces, so that a
# client reading /openapi.json knows which names the server takes.
DisplayName = Annotated[
    str,
    StringConstraints(max_length=MAX_DISPLAY_NAME, pattern=r"^[^\x00-\x1f\x7f\u2028\u2029]*$"),
]


class UserIn(BaseModel):
    """A new user; the name and password rules are checked again on the server (400)."""

    name: Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[\w.@-]+$")]
    role: Role
    password: Annotated[str, StringConstraints(min_length=8, max_length=MAX_PASSWORD_LENGTH)]
    display_name: DisplayName | None = Field(
        None, description="The name printed on the user's 供稿 lines, e.g. 张娟"
    )


class UserChange(BaseModel):
    """Changes to one user; fields left out stay as they are (unknown ones are a 422, so
    a misspelt ``disable`` is not quietly ignored)."""

    model_config = ConfigDict(extra="forbid")

    role: Role | None = None
    display_name: DisplayName | None = Field(
        default=None, description='The name on the user\'s 供稿 lines; "" clears it'
    )
    disabled: bool | None = Field(
        default=None, description="true ends the user's sessions and stops their API tokens"
    )
    password: str | None = Field(
        default=None,
        description="A new password (8+ characters, 400 otherwise); ends the user's sessions "
        "(except the caller's own when they change their own password)",
    )


def _kept_session(me: Principal, user_id: int) -> str | None:
    """The caller's own session survives a reset of their own password."""
    return me.session.id if me.session is not None and me.user.id == user_id else None


def apply_change(state: AppState, me: Principal, user_id: int, change: UserChange) -> User:
    """Apply ``change`` to the user; the password is checked before anything is saved."""
    user = state.store.users.get(user_id)
    if change.password is not None:
        check_password(change.password)
    if change.role is not None or change.disabled is not None or change.display_name is not None:
        user = change_user(
            state.store,
            user_id,
            role=change.role,
            disabled=change.disabled,
            display_name=change.display_name,
            actor=me.user,
        )
    if change.password is not None:
        user = reset_password(
            state.store,
            state.passwords,
            user_id,
            change.password,
            keep_session=_kept_session(me, user_id),
        )
    return user


@router.get("/api/users", response_model=list[UserOut], responses=errors())
def list_users_api(me: AdminUser, store: StoreDep) -> list[UserOut]:
    """Every user, by name."""
    return [UserOut.of(u) for u in store.users.all()]


@router.post("/api/users", response_model=UserOut, status_code=201, responses=errors(400, 409))
def add_user_api(body: UserIn, me: AdminUser, state: StateDep) -> UserOut:
    """Add a user with a role and an initial password."""
    user = add_user(
        state.store,
        state.passwords,
        body.name,
        body.role,
        body.password,
        now=utcnow(),
        display_name=body.display_name,
    )
    return UserOut.of(user)


@router.patch("/api/users/{user_id}", response_model=UserOut, responses=errors(400, 404, 409))
def change_user_api(user_id: Id, body: UserChange, me: AdminUser, state: StateDep) -> UserOut:
    """Change a user's role or display name, disable or enable them, or set a new password.
    Refused with
    409 when no enabled admin would be left, and with 400 when admins disable themselves."""
    return UserOut.of(apply_change(state, me, user_id, body))


# -- the page ---------------------------------------------------------------------------


def _page(
    request: Request,
    me: Principal,
    state: AppState,
    *,
    status_code: int = 200,
    done: Done | None = None,
    problem: str | None = None,
    detail: str = "",
) -> HTMLResponse:
    return render(
        request,
        "users.html",
        me,
        status_code=status_code,
        users=state.store.users.all(),
        roles=list(Role),
        done=done,
        problem=problem,
        detail=detail,
    )


def _refused(request: Request, me: Principal, state: AppState, exc: KuaibaoError) -> HTMLResponse:
    """The page again with the reason: a message of its own for the last-admin rule."""
    if isinstance(exc, LastAdminError):
        return _page(request, me, state, status_code=409, problem=N_("users.last_admin"))
    status = 400
    if isinstance(exc, NotFoundError):
        status = 404
    elif isinstance(exc, ConflictError):
        status = 409
    return _page(
        request, me, state, status_code=status, problem=N_("users.failed"), detail=str(exc)
    )


def _saved(done: Done, user_id: int) -> Response:
    return RedirectResponse(f"/users?done={done}#user-{user_id}", status_code=303)


@router.get("/users", include_in_schema=False)
def users_page(
    request: Request, me: AdminUser, state: StateDep, done: Annotated[Done | None, Query()] = None
) -> HTMLResponse:
    return _page(request, me, state, done=done)


@router.post("/users", include_in_schema=False)
def add_user_form(
    request: Request,
    me: AdminUser,
    state: StateDep,
    name: Annotated[str, Form(max_length=64)],
    role: Annotated[Role, Form()],
    password: Annotated[str, Form(max_length=MAX_PASSWORD_LENGTH)],
    display_name: Annotated[str, Form(max_length=MAX_DISPLAY_NAME)] = "",
) -> Response:
    try:
        user = add_user(
            state.store,
            state.passwords,
            name,
            role,
            password,
            now=utcnow(),
            display_name=display_name,
        )
    except KuaibaoError as exc:
        return _refused(request, me, state, exc)
    return _saved("added", user.id or 0)


@router.post("/users/{user_id}/role", include_in_schema=False)
def change_role_form(
    request: Request,
    user_id: Id,
    me: AdminUser,
    state: StateDep,
    role: Annotated[Role, Form()],
) -> Response:
    try:
        apply_change(state, me, user_id, UserChange(role=role))
    except KuaibaoError as exc:
        return _refused(request, me, state, exc)
    if user_id == me.user.id and not role.allows(Role.ADMIN):
        return RedirectResponse("/", status_code=303)  # no longer allowed on this page
    return _saved("role", user_id)


@router.post("/users/{user_id}/display-name", include_in_schema=False)
def display_name_form(
    request: Request,
    user_id: Id,
    me: AdminUser,
    state: StateDep,
    display_name: Annotated[str, Form(max_length=MAX_DISPLAY_NAME)] = "",
) -> Response:
    try:
        # Not validated as the API's model: the form's text goes to check_display_name,
        # whose refusal is shown on the page (a model error here would be a 500).
        change = UserChange.model_construct(display_name=display_name)
        apply_change(state, me, user_id, change)
    except KuaibaoError as exc:
        return _refused(request, me, state, exc)
    return _saved("display_name", user_id)


@router.post("/users/{user_id}/disable", include_in_schema=False)
def disable_user_form(request: Request, user_id: Id, me: AdminUser, state: StateDep) -> Response:
    try:
        apply_change(state, me, user_id, UserChange(disabled=True))
    except KuaibaoError as exc:
        return _refused(request, me, state, exc)
    return _saved("disabled", user_id)


@router.post("/users/{user_id}/enable", include_in_schema=False)
def enable_user_form(request: Request, user_id: Id, me: AdminUser, state: StateDep) -> Response:
    try:
        apply_change(state, me, user_id, UserChange(disabled=False))
    except KuaibaoError as exc:
        return _refused(request, me, state, exc)
    return _saved("enabled", user_id)


@router.post("/users/{user_id}/password", include_in_schema=False)
def reset_password_form(
    request: Request,
    user_id: Id,
    me: AdminUser,
    state: StateDep,
    password: Annotated[str, Form(max_length=MAX_PASSWORD_LENGTH)],
    password2: Annotated[str, Form(max_length=MAX_PASSWORD_LENGTH)],
) -> Response:
    if password != password2:
        return _page(request, me, state, status_code=400, problem=N_("users.mismatch"))
    try:
        apply_change(state, me, user_id, UserChange(password=password))
    except KuaibaoError as exc:
        return _refused(request, me, state, exc)
    return _saved("password", user_id)
