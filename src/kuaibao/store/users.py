"""Web-app users, their server-side sessions and their API tokens.

Secrets never reach the database in a usable form: passwords are argon2 hashes (made by
``kuaibao.web.core.auth.passwords``), and session cookies and API tokens are stored as their
SHA-256, so a copy of the tables lets nobody sign in. Hashing happens in the caller; this
repository only stores and compares what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kuaibao.domain import Role, User
from kuaibao.errors import ConflictError, NotFoundError
from kuaibao.store.models import ApiTokenRow, UserRow, WebSessionRow

# Sessions and tokens record when they were last used, but at most this often: a write
# per request would make every page view a database write.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class WebSession:
    """A signed-in browser: its user and the CSRF token its forms must carry."""

    id: str  # SHA-256 (hex) of the cookie value
    user: User
    csrf_token: str
    created_at: datetime
    expires_at: datetime
    last_seen: datetime


@dataclass(frozen=True)
class ApiToken:
    """A named bearer token of one user (the secret itself is never stored)."""

    id: int
    user_id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None = None


# The per-request session check, built once (its SQL is cached with it).
_SESSION_LOOKUP = (
    select(
        WebSessionRow.id,
        WebSessionRow.user_id,
        WebSessionRow.csrf_token,
        WebSessionRow.created_at,
        WebSessionRow.expires_at,
        WebSessionRow.last_seen,
        UserRow.name,
        UserRow.role,
        UserRow.created_at.label("user_created_at"),
        UserRow.disabled,
        UserRow.last_seen_at,
        UserRow.previous_visit_at,
        UserRow.display_name,
    )
    .join(UserRow, UserRow.id == WebSessionRow.user_id)
    .where(WebSessionRow.id == bindparam("id"))
)
_SESSION_TOUCH = (
    update(WebSessionRow)
    .where(WebSessionRow.id == bindparam("session_id"))
    .values(last_seen=bindparam("now"))
)
_USER_TOUCH = (
    update(UserRow).where(UserRow.id == bindparam("user_id")).values(last_seen_at=bindparam("now"))
)


class LastAdminError(ConflictError):
    """The change would leave no enabled admin, and so nobody to manage users."""


_ENABLED_ADMIN = (UserRow.role == Role.ADMIN.value) & UserRow.disabled.is_(False)


def _lock_enabled_admins(session: Session) -> set[int]:
    """The ids of the enabled admins, locked until the session's transaction ends.

    The no-op UPDATE row-locks them on PostgreSQL and opens SQLite's one write
    transaction, so two admins who disable each other at the same moment are served one
    after the other, and the second sees that the first is no longer an admin.
    """
    session.execute(update(UserRow).where(_ENABLED_ADMIN).values(role=UserRow.role))
    return set(session.scalars(select(UserRow.id).where(_ENABLED_ADMIN)))


def _user(row: UserRow) -> User:
    return User(
        name=row.name,
        role=Role(row.role),
        id=row.id,
        created_at=row.created_at,
        disabled=row.disabled,
        last_seen_at=row.last_seen_at,
        previous_visit_at=row.previous_visit_at,
        display_name=row.display_name,
    )


def _token(row: ApiTokenRow) -> ApiToken:
    return ApiToken(row.id, row.user_id, row.name, row.created_at, row.last_used_at)


class UserRepository:
    """Users by id and name, with their sessions and tokens."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    # -- users -------------------------------------------------------------------------

    def add(self, user: User, password_hash: str, *, now: datetime) -> User:
        """Store a new user; a second user with the same name is refused."""
        with self._sessions() as session:
            row = UserRow(
                name=user.name,
                password_hash=password_hash,
                role=user.role.value,
                created_at=now,
                disabled=user.disabled,
                display_name=user.display_name or None,
            )
            session.add(row)
            try:
                session.commit()
            except IntegrityError as exc:
                session.rollback()
                raise ConflictError(
                    f"a user named {user.name!r} already exists; `kuaibao users list` shows them"
                ) from exc
            return _user(row)

    def get(self, user_id: int) -> User:
        with self._sessions() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise NotFoundError(f"no user with id {user_id}")
            return _user(row)

    def by_name(self, name: str) -> User | None:
        with self._sessions() as session:
            row = session.scalar(select(UserRow).where(UserRow.name == name))
            return _user(row) if row else None

    def all(self) -> list[User]:
        """Every user, by name."""
        with self._sessions() as session:
            return [_user(r) for r in session.scalars(select(UserRow).order_by(UserRow.name))]

    def count(self) -> int:
        with self._sessions() as session:
            return int(session.scalar(select(func.count(UserRow.id))) or 0)

    def credentials(self, name: str) -> tuple[User, str] | None:
        """The user and their password hash, for the login check only."""
        with self._sessions() as session:
            row = session.scalar(select(UserRow).where(UserRow.name == name))
            return (_user(row), row.password_hash) if row else None

    def set_password(self, user_id: int, password_hash: str) -> None:
        """Replace the hash of the same password (re-hashed with new parameters at login).

        Sessions stay open; a new password goes through ``reset_password``.
        """
        with self._sessions() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise NotFoundError(f"no user with id {user_id}")
            row.password_hash = password_hash
            session.commit()

    def reset_password(
        self, user_id: int, password_hash: str, *, keep_session: str | None = None
    ) -> User:
        """Store a new password and end the user's sessions but ``keep_session`` (the
        browser of a user who changes their own), so whoever knew the old one is out."""
        with self._sessions() as session:
            row = session.get(UserRow, user_id)
            if row is None:
                raise NotFoundError(f"no user with id {user_id}")
            row.password_hash = password_hash
            ended = delete(WebSessionRow).where(WebSessionRow.user_id == user_id)
            if keep_session is not None:
                ended = ended.where(WebSessionRow.id != keep_session)
            session.execute(ended)
            session.commit()
            return _user(row)

    def change(
        self,
        user_id: int,
        *,
        role: Role | None = None,
        disabled: bool | None = None,
        display_name: str | None = None,
    ) -> User:
        """Set a user's role, disabled flag and/or display name (``""`` clears it; None
        leaves each as it is); disabling also ends their sessions.

        Refused (``LastAdminError``) when no enabled admin would be left: nobody could
        then manage users from the web app. A disabled user's API tokens stop working
        at once (``user_for_token`` checks the flag); the tokens themselves are kept, so
        enabling the user again restores them.
        """
        with self._sessions() as session:
            admins = _lock_enabled_admins(session)
            row = session.get(UserRow, user_id)
            if row is None:
                raise NotFoundError(f"no user with id {user_id}")
            if role is not None:
                row.role = role.value
            if disabled is not None:
                row.disabled = disabled
            if display_name is not None:
                row.display_name = display_name or None
            still_admin = row.role == Role.ADMIN.value and not row.disabled
            if admins == {user_id} and not still_admin:
                session.rollback()
                raise LastAdminError(
                    f"{row.name!r} is the last enabled admin: make another user admin first"
                )
            if row.disabled:
                session.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))
            session.commit()
            return _user(row)

    def update(self, user: User) -> User:
        """Save role, disabled flag and display name (``change``, under the same rules)."""
        if user.id is None:
            raise NotFoundError("cannot update a user that has no id")
        return self.change(
            user.id, role=user.role, disabled=user.disabled, display_name=user.display_name or ""
        )

    # -- sessions ----------------------------------------------------------------------

    def open_session(
        self,
        session_id: str,
        user_id: int,
        csrf_token: str,
        *,
        now: datetime,
        expires_at: datetime,
    ) -> WebSession:
        """Start a session at login; the user's last activity becomes their previous visit."""
        with self._sessions() as session:
            user = session.get(UserRow, user_id)
            if user is None:
                raise NotFoundError(f"no user with id {user_id}")
            if user.last_seen_at is not None:
                user.previous_visit_at = user.last_seen_at
            user.last_seen_at = now
            session.execute(
                delete(WebSessionRow).where(
                    WebSessionRow.user_id == user_id, WebSessionRow.expires_at <= now
                )
            )
            row = WebSessionRow(
                id=session_id,
                user_id=user_id,
                csrf_token=csrf_token,
                created_at=now,
                expires_at=expires_at,
                last_seen=now,
            )
            session.add(row)
            session.commit()
            return WebSession(row.id, _user(user), csrf_token, now, expires_at, now)

    def session(self, session_id: str, *, now: datetime) -> WebSession | None:
        """The live session with this id, or None (unknown, expired, or user disabled).

        Every request asks this, so it is one prepared query over plain columns (no ORM
        objects), and a write only when ``last_seen`` is older than ``TOUCH_EVERY``.
        """
        with self._sessions() as session:
            row = session.execute(_SESSION_LOOKUP, {"id": session_id}).first()
            if row is None or row.expires_at <= now or row.disabled:
                return None
            touched = now - row.last_seen >= TOUCH_EVERY
            if touched:
                session.execute(_SESSION_TOUCH, {"session_id": session_id, "now": now})
                session.execute(_USER_TOUCH, {"user_id": row.user_id, "now": now})
                session.commit()
            user = User(
                name=row.name,
                role=Role(row.role),
                id=row.user_id,
                created_at=row.user_created_at,
                disabled=row.disabled,
                last_seen_at=now if touched else row.last_seen_at,
                previous_visit_at=row.previous_visit_at,
                display_name=row.display_name,
            )
            return WebSession(
                row.id,
                user,
                row.csrf_token,
                row.created_at,
                row.expires_at,
                now if touched else row.last_seen,
            )

    def close_session(self, session_id: str) -> None:
        """Sign out: the cookie no longer opens anything."""
        with self._sessions() as session:
            session.execute(delete(WebSessionRow).where(WebSessionRow.id == session_id))
            session.commit()

    def purge_expired(self, *, now: datetime) -> int:
        """Delete expired sessions; returns how many."""
        with self._sessions() as session:
            result = session.execute(delete(WebSessionRow).where(WebSessionRow.expires_at <= now))
            session.commit()
            return int(getattr(result, "rowcount", 0) or 0)

    # -- API tokens --------------------------------------------------------------------

    def add_token(self, user_id: int, name: str, token_hash: str, *, now: datetime) -> ApiToken:
        with self._sessions() as session:
            if session.get(UserRow, user_id) is None:
                raise NotFoundError(f"no user with id {user_id}")
            row = ApiTokenRow(token_hash=token_hash, user_id=user_id, name=name, created_at=now)
            session.add(row)
            session.commit()
            return _token(row)

    def user_for_token(self, token_hash: str, *, now: datetime) -> User | None:
        """The (enabled) owner of a token, or None; records when the token was used."""
        with self._sessions() as session:
            found = session.execute(
                select(ApiTokenRow, UserRow)
                .join(UserRow, UserRow.id == ApiTokenRow.user_id)
                .where(ApiTokenRow.token_hash == token_hash)
            ).first()
            if found is None:
                return None
            token, user = found
            if user.disabled:
                return None
            if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
                token.last_used_at = now
                session.commit()
            return _user(user)

    def tokens(self, user_id: int) -> list[ApiToken]:
        """A user's tokens, oldest first."""
        with self._sessions() as session:
            query = select(ApiTokenRow).where(ApiTokenRow.user_id == user_id)
            return [_token(r) for r in session.scalars(query.order_by(ApiTokenRow.id))]

    def revoke_token(self, token_id: int, *, user_id: int) -> None:
        """Delete one of the user's own tokens; someone else's token counts as unknown."""
        with self._sessions() as session:
            row = session.get(ApiTokenRow, token_id)
            if row is None or row.user_id != user_id:
                raise NotFoundError(f"no API token with id {token_id}")
            session.delete(row)
            session.commit()
