from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from kuaibao.store import Store


def test_sqlite_file_uses_wal_and_is_migrated(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nested' / 'kb.db'}"
    store = Store(url)
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert store.is_current()
    store.close()


def test_upgrade_twice_keeps_data(db_url: str) -> None:
    from tests.store.test_documents import make_doc

    first = Store(db_url)
    first.documents.add(make_doc(3))
    first.close()
    second = Store(db_url)
    assert second.documents.count() == 1 and second.is_current()
    second.close()
