"""Creating and changing users and checking logins: the rules shared by ``kuaibao users``
and the app (the store adds one more: there is always an enabled admin left)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from kuaibao import phrases
from kuaibao.domain import Role, User
from kuaibao.errors import KuaibaoError
from kuaibao.store import Store
from kuaibao.web.core.auth.passwords import Passwords
from kuaibao.web.core.auth.throttle import LoginThrottle

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024  # argon2 takes any length; this only bounds the work per login
NAME_PATTERN = re.compile(r"^[\w.@-]{1,64}$")
MAX_DISPLAY_NAME = 100  # users.display_name is VARCHAR(100)
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


class AccountError(KuaibaoError):
    """A user name or password is not acceptable."""


def check_name(name: str) -> str:
    """A user name: 1–64 letters (any script), digits, ``.``, ``_``, ``@`` or ``-``."""
    if not NAME_PATTERN.fullmatch(name):
        raise AccountError(
            f"user name {name!r} is not allowed: use 1-64 letters, digits, '.', '_', '@' or '-'"
        )
    return name


def check_display_name(value: str | None) -> str:
    """The name printed on 供稿 lines (张娟): one line of at most 100 characters, outer
    spaces dropped; ``""`` means none (the login name is printed instead)."""
    shown = (value or "").strip()
    if _UNPRINTABLE.search(shown):
        raise AccountError(phrases.DISPLAY_NAME_ONE_LINE())
    if len(shown) > MAX_DISPLAY_NAME:
        raise AccountError(phrases.DISPLAY_NAME_TOO_LONG(limit=MAX_DISPLAY_NAME))
    return shown


def check_password(password: str) -> str:
    """A new password: long enough to resist guessing, short enough to hash quickly."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"the password must have at most {MAX_PASSWORD_LENGTH} characters")
    return password


def add_user(
    store: Store,
    passwords: Passwords,
    name: str,
    role: Role,
    password: str,
    *,
    now: datetime,
    display_name: str | None = None,
) -> User:
    """Check the name, display name and password, hash the password, store the user."""
    check_name(name)
    shown = check_display_name(display_name)
    check_password(password)
    user = User(name=name, role=role, display_name=shown or None)
    return store.users.add(user, passwords.hash(password), now=now)


def reset_password(
    store: Store,
    passwords: Passwords,
    user_id: int,
    password: str,
    *,
    keep_session: str | None = None,
) -> User:
    """Check and hash a new password; the user's sessions end except ``keep_session``."""
    check_password(password)
    return store.users.reset_password(user_id, passwords.hash(password), keep_session=keep_session)


def change_user(
    store: Store,
    user_id: int,
    *,
    role: Role | None = None,
    disabled: bool | None = None,
    display_name: str | None = None,
    actor: User | None,
) -> User:
    """Change a user's role, disabled flag and/or display name (``""`` clears it).
    ``actor`` (None for the command line) may not disable themselves: an admin locked
    out by a slip of the mouse needs another admin to come back. The store refuses to
    leave no enabled admin."""
    if disabled and actor is not None and actor.id == user_id:
        raise AccountError("you cannot disable your own account; another admin can")
    shown = None if display_name is None else check_display_name(display_name)
    return store.users.change(user_id, role=role, disabled=disabled, display_name=shown)


@dataclass(frozen=True)
class LoginCheck:
    """A login's outcome: the user, or None; ``retry_after`` > 0 when throttled."""

    user: User | None
    retry_after: int = 0


def check_login(
    store: Store,
    passwords: Passwords,
    throttle: LoginThrottle,
    name: str,
    password: str,
    *,
    address: str,
) -> LoginCheck:
    """Verify a name and password, counting failures per (name, address).

    Unknown names, wrong passwords and disabled accounts fail alike and take the same
    time. A correct login re-hashes the password when the hash parameters changed.
    """
    key = throttle.key(name, address)
    wait = throttle.retry_after(key)
    if wait:
        return LoginCheck(None, wait)
    found = store.users.credentials(name) if NAME_PATTERN.fullmatch(name) else None
    user, stored = found if found else (None, None)
    if not passwords.verify(stored, password) or user is None or user.disabled:
        throttle.failed(key)
        return LoginCheck(None)
    throttle.succeeded(key)
    if stored and user.id is not None and passwords.needs_rehash(stored):
        store.users.set_password(user.id, passwords.hash(password))
    return LoginCheck(user)
