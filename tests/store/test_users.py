"""Users, sessions and API tokens in the store (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from kuaibao.domain import Role, User
from kuaibao.errors import ConflictError, NotFoundError
from kuaibao.store import Store
from kuaibao.store.users import LastAdminError

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _user(store: Store, name: str = "wang", role: Role = Role.ANALYST) -> User:
    user = store.users.add(User(name=name, role=role), "argon2-hash-" + name, now=T0)
    assert user.id is not None
    return user


def test_users_are_unique_by_name_and_keep_their_hash(store: Store) -> None:
    user = _user(store)
    assert user.role is Role.ANALYST and user.created_at == T0 and not user.disabled
    with pytest.raises(ConflictError, match="already exists"):
        _user(store)
    found = store.users.credentials("wang")
    assert found is not None and found[1] == "argon2-hash-wang"
    assert store.users.credentials("nobody") is None
    store.users.set_password(user.id or 0, "new-hash")
    assert store.users.credentials("wang") == (user, "new-hash")
    _user(store, "an", Role.ADMIN)
    assert [u.name for u in store.users.all()] == ["an", "wang"]
    assert store.users.count() == 2
    with pytest.raises(NotFoundError):
        store.users.get(999)


def test_sessions_expire_and_remember_the_previous_visit(store: Store) -> None:
    user = _user(store)
    uid = user.id or 0
    first = store.users.open_session(
        "a" * 64, uid, "csrf-a", now=T0, expires_at=T0 + timedelta(hours=1)
    )
    assert first.user.previous_visit_at is None
    later = T0 + timedelta(minutes=30)
    seen = store.users.session("a" * 64, now=later)
    assert seen is not None and seen.csrf_token == "csrf-a" and seen.last_seen == later
    assert store.users.session("a" * 64, now=T0 + timedelta(hours=1)) is None, "expired"
    assert store.users.session("b" * 64, now=later) is None

    second = store.users.open_session(
        "c" * 64, uid, "csrf-c", now=T0 + timedelta(days=1), expires_at=T0 + timedelta(days=2)
    )
    assert second.user.previous_visit_at == later
    assert store.users.purge_expired(now=T0 + timedelta(days=3)) == 1
    store.users.close_session("c" * 64)
    assert store.users.session("c" * 64, now=T0 + timedelta(days=1)) is None


def test_disabling_a_user_ends_sessions_and_tokens(store: Store) -> None:
    user = _user(store)
    uid = user.id or 0
    store.users.open_session("s" * 64, uid, "x", now=T0, expires_at=T0 + timedelta(hours=1))
    token = store.users.add_token(uid, "cron", "t" * 64, now=T0)
    assert store.users.user_for_token("t" * 64, now=T0) == store.users.get(uid)
    user.disabled = True
    store.users.update(user)
    assert store.users.session("s" * 64, now=T0) is None
    assert store.users.user_for_token("t" * 64, now=T0) is None
    assert [t.name for t in store.users.tokens(uid)] == ["cron"]
    assert token.last_used_at is None


def test_tokens_record_use_and_only_their_owner_revokes_them(store: Store) -> None:
    owner, other = _user(store), _user(store, "li")
    token = store.users.add_token(owner.id or 0, "cron", "h" * 64, now=T0)
    assert store.users.user_for_token("h" * 64, now=T0 + timedelta(hours=1)) is not None
    assert store.users.tokens(owner.id or 0)[0].last_used_at == T0 + timedelta(hours=1)
    with pytest.raises(NotFoundError):
        store.users.revoke_token(token.id, user_id=other.id or 0)
    store.users.revoke_token(token.id, user_id=owner.id or 0)
    assert store.users.user_for_token("h" * 64, now=T0) is None
    with pytest.raises(NotFoundError):
        store.users.add_token(999, "x", "y" * 64, now=T0)


def _session(store: Store, user: User, sid: str) -> None:
    store.users.open_session(sid, user.id or 0, "x", now=T0, expires_at=T0 + timedelta(hours=1))


def test_roles_change_and_the_last_enabled_admin_stays(store: Store) -> None:
    an, li = _user(store, "an", Role.ADMIN), _user(store, "li")
    _session(store, li, "l" * 64)
    editor = store.users.change(li.id or 0, role=Role.EDITOR)
    assert editor.role is Role.EDITOR and store.users.get(li.id or 0).role is Role.EDITOR
    seen = store.users.session("l" * 64, now=T0)
    assert seen is not None and seen.user.role is Role.EDITOR, "the session reads the new role"

    with pytest.raises(LastAdminError, match="last enabled admin"):
        store.users.change(an.id or 0, role=Role.EDITOR)
    with pytest.raises(LastAdminError, match="last enabled admin"):
        store.users.change(an.id or 0, disabled=True)
    with pytest.raises(ConflictError):
        store.users.update(replace(an, role=Role.ANALYST))
    assert (
        store.users.get(an.id or 0).role is Role.ADMIN and not store.users.get(an.id or 0).disabled
    )

    # A disabled admin does not count; a second enabled one lets the first step down.
    store.users.change(li.id or 0, role=Role.ADMIN, disabled=True)
    with pytest.raises(LastAdminError):
        store.users.change(an.id or 0, disabled=True)
    store.users.change(li.id or 0, disabled=False)
    assert store.users.change(an.id or 0, role=Role.ANALYST).role is Role.ANALYST
    with pytest.raises(LastAdminError):
        store.users.change(li.id or 0, role=Role.EDITOR)
    with pytest.raises(NotFoundError):
        store.users.change(999, role=Role.EDITOR)


def test_changing_a_non_admin_needs_no_admin_at_all(store: Store) -> None:
    wang = _user(store)
    assert store.users.change(wang.id or 0, disabled=True).disabled
    assert not store.users.change(wang.id or 0, disabled=False).disabled


def test_a_new_password_ends_the_other_sessions(store: Store) -> None:
    user = _user(store)
    for sid in ("a" * 64, "b" * 64, "c" * 64):
        _session(store, user, sid)
    store.users.set_password(user.id or 0, "rehashed")  # same password, new parameters
    assert store.users.session("a" * 64, now=T0) is not None, "a re-hash signs nobody out"

    changed = store.users.reset_password(user.id or 0, "new-hash", keep_session="b" * 64)
    assert changed.name == "wang"
    assert store.users.credentials("wang") == (store.users.get(user.id or 0), "new-hash")
    assert store.users.session("a" * 64, now=T0) is None
    assert store.users.session("b" * 64, now=T0) is not None
    store.users.reset_password(user.id or 0, "newer-hash")
    assert store.users.session("b" * 64, now=T0) is None
    with pytest.raises(NotFoundError):
        store.users.reset_password(999, "x")


def _disable_together(store: Store, users: list[User]) -> list[str]:
    """Disable ``users`` from one thread each, all at once; the names refused."""
    start = threading.Barrier(len(users))
    refused: list[str] = []

    def disable(user: User) -> None:
        start.wait()
        try:
            store.users.change(user.id or 0, disabled=True)
        except LastAdminError:
            refused.append(user.name)

    threads = [threading.Thread(target=disable, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return refused


def test_two_admins_disabling_each_other_at_once_leave_one(store: Store) -> None:
    """Each request alone is allowed; together they would leave no admin."""
    for round_ in range(3):
        a = _user(store, f"a{round_}", Role.ADMIN)
        b = _user(store, f"b{round_}", Role.ADMIN)
        for other in store.users.all():
            if other.id not in (a.id, b.id) and other.role is Role.ADMIN and not other.disabled:
                store.users.change(other.id or 0, role=Role.ANALYST)
        refused = _disable_together(store, [a, b])
        assert len(refused) == 1, f"round {round_}: refused {refused}"
        enabled = [u for u in store.users.all() if u.role is Role.ADMIN and not u.disabled]
        assert [u.name for u in enabled] == refused


def test_every_way_of_reading_a_user_carries_every_field(store: Store) -> None:
    """Login, sessions and tokens each build the User from their own query; a field one of
    them forgets (the display name on the 供稿 line, once) is caught here for all fields."""
    added = store.users.add(
        User(name="zhangjuan", role=Role.EDITOR, display_name="张娟"), "h", now=T0
    )
    assert added.id is not None and added.display_name == "张娟"
    store.users.open_session("s" * 64, added.id, "x", now=T0, expires_at=T0 + timedelta(hours=1))
    store.users.add_token(added.id, "cron", "t" * 64, now=T0)
    found = store.users.credentials("zhangjuan")
    session = store.users.session("s" * 64, now=T0)
    assert found is not None and session is not None
    expected = store.users.get(added.id)
    readings = {
        "by_name": store.users.by_name("zhangjuan"),
        "all": store.users.all()[0],
        "credentials": found[0],
        "session": session.user,
        "token": store.users.user_for_token("t" * 64, now=T0),
    }
    for how, user in readings.items():
        assert user is not None, how
        for name in User.__dataclass_fields__:
            if name not in {"last_seen_at", "previous_visit_at"}:  # touched by a visit
                assert getattr(user, name) == getattr(expected, name), (how, name)


def test_a_display_name_is_changed_and_cleared(store: Store) -> None:
    user = _user(store)
    assert user.display_name is None and user.byline == "wang"
    changed = store.users.change(user.id or 0, display_name="黄茹")
    assert changed.display_name == "黄茹" and changed.byline == "黄茹"
    assert store.users.change(user.id or 0, role=Role.EDITOR).display_name == "黄茹"
    assert store.users.update(replace(changed, display_name=None)).display_name is None
