"""``kuaibao users …`` and ``kuaibao serve``: web-app accounts and the web server."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kuaibao.cli.common import (
    GLOBALS,
    DatabaseOpt,
    DataDirOpt,
    JsonOpt,
    console,
    friendly_errors,
    open_store,
    print_json,
    require_initialised,
    settings_for,
)
from kuaibao.config import load_settings
from kuaibao.domain import Role, User
from kuaibao.errors import NotFoundError
from kuaibao.store import Store
from kuaibao.web.core.auth.accounts import add_user, change_user, reset_password
from kuaibao.web.core.auth.passwords import Passwords

app = typer.Typer(
    help="Web-app users: add and list accounts, change roles, disable, reset passwords.",
    no_args_is_help=True,
)

NameArg = Annotated[str, typer.Argument(help="The user's login name.")]
DisplayNameOpt = Annotated[
    str | None,
    typer.Option(
        "--display-name",
        help="The name printed on the user's 供稿 lines, e.g. 张娟 (default: the login name).",
    ),
]
PasswordOpt = Annotated[
    str | None,
    typer.Option(
        "--password",
        help="The password (8+ characters). Prompted for (twice) when not given; prefer the "
        "prompt, a password on the command line lands in shell history.",
    ),
]


def user_json(user: User) -> dict[str, object]:
    return {
        "id": user.id,
        "name": user.name,
        "display_name": user.display_name,
        "role": user.role.value,
        "disabled": user.disabled,
        "created_at": user.created_at,
        "last_seen_at": user.last_seen_at,
    }


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="Login name (letters, digits, . _ @ -).")],
    role: Annotated[Role, typer.Option("--role", help="admin, editor or analyst.")],
    password: PasswordOpt = None,
    display_name: DisplayNameOpt = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Create a web-app user with a role (and the name their 供稿 lines print).

    Example: kuaibao users add zhangjuan --role analyst --display-name 张娟
    """
    settings = settings_for(data_dir, database_url)
    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with friendly_errors(), open_store(settings) as store:
        user = add_user(
            store,
            Passwords.from_settings(settings.web),
            name,
            role,
            password,
            now=datetime.now(UTC),
            display_name=display_name,
        )
    if as_json:
        print_json(user_json(user))
        return
    shown = f" [{user.display_name}]" if user.display_name else ""
    console.print(f"Added user [bold]{user.name}[/]{shown} ({user.role.value})", highlight=False)


@app.command("list")
def list_users(
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """List web-app users and their roles."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        users = store.users.all()
    if as_json:
        print_json([user_json(u) for u in users])
        return
    table = Table("id", "name", "display name", "role", "created", "last active", "disabled")
    for u in users:
        table.add_row(
            str(u.id),
            u.name,
            u.display_name or "",
            u.role.value,
            f"{u.created_at:%Y-%m-%d %H:%M}" if u.created_at else "",
            f"{u.last_seen_at:%Y-%m-%d %H:%M}" if u.last_seen_at else "never",
            "yes" if u.disabled else "",
        )
    console.print(table)


def _named(store: Store, name: str) -> int:
    """The id of the user called ``name``; an unknown name is an error that says so."""
    user = store.users.by_name(name)
    if user is None or user.id is None:
        raise NotFoundError(f"no user named {name!r}; `kuaibao users list` shows them")
    return user.id


def _changed(user: User, as_json: bool, message: str) -> None:
    if as_json:
        print_json(user_json(user))
    else:
        console.print(message)


@app.command("role")
def set_role(
    name: NameArg,
    role: Annotated[Role, typer.Argument(help="admin, editor or analyst.")],
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Give a user another role; it applies from their next request.

    Refused for the last enabled admin. Example: kuaibao users role li editor
    """
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        user = change_user(store, _named(store, name), role=role, actor=None)
    _changed(user, as_json, f"[bold]{user.name}[/] is now {user.role.value}")


@app.command("display-name")
def set_display_name(
    name: NameArg,
    display_name: Annotated[
        str, typer.Argument(help='The name on 供稿 lines, e.g. 张娟; "" clears it.')
    ],
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Set the name printed on a user's 供稿 lines (the login name when there is none).

    Example: kuaibao users display-name zhangjuan 张娟
    """
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        user = change_user(store, _named(store, name), display_name=display_name, actor=None)
    _changed(user, as_json, f"[bold]{user.name}[/] signs as {user.byline}")


def _set_disabled(
    name: str, disabled: bool, as_json: bool, data_dir: Path | None, database_url: str | None
) -> None:
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        user = change_user(store, _named(store, name), disabled=disabled, actor=None)
    _changed(user, as_json, f"[bold]{user.name}[/] is {'disabled' if disabled else 'enabled'}")


@app.command("disable")
def disable(
    name: NameArg,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Stop a user signing in: their sessions end and their API tokens stop working.

    Refused for the last enabled admin. Example: kuaibao users disable li
    """
    _set_disabled(name, True, as_json, data_dir, database_url)


@app.command("enable")
def enable(
    name: NameArg,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Let a disabled user sign in again (their API tokens work again too).

    Example: kuaibao users enable li
    """
    _set_disabled(name, False, as_json, data_dir, database_url)


@app.command("password")
def change_password(
    name: NameArg,
    new_password: PasswordOpt = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Set a new password for a user; all their web sessions end.

    Example: kuaibao users password li
    """
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        user_id = _named(store, name)
        if new_password is None:
            new_password = typer.prompt("New password", hide_input=True, confirmation_prompt=True)
        user = reset_password(store, Passwords.from_settings(settings.web), user_id, new_password)
    _changed(user, as_json, f"New password set for [bold]{user.name}[/]; their sessions ended")


def serve_command(
    host: Annotated[
        str | None, typer.Option("--host", help="Address to listen on (default 127.0.0.1).")
    ] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port (default 8000).")] = None,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Run the analysts' web app (pages and the JSON API) with uvicorn.

    Example: kuaibao serve --host 127.0.0.1 --port 8000
    """
    import uvicorn

    from kuaibao.web.core.app import create_app
    from kuaibao.web.core.warmup import prepare

    overrides: dict[str, object] = {}
    if host is not None:
        overrides["host"] = host
    if port is not None:
        overrides["port"] = port
    with friendly_errors():
        settings = load_settings(
            data_dir=data_dir or GLOBALS.data_dir,
            database_url=database_url or GLOBALS.database_url,
            web_overrides=overrides,
        )
        require_initialised(settings)
        web_app = create_app(settings)
        prepare(web_app)
    console.print(
        f"kuaibao web app on http://{settings.web.host}:{settings.web.port}/ "
        f"({settings.effective_database_url.split(':', 1)[0]}); Ctrl-C stops it"
    )
    uvicorn.run(web_app, host=settings.web.host, port=settings.web.port, log_level="info")
