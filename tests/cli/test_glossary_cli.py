"""The glossary grows the gazetteer of `kuaibao facts` and `kuaibao check`, and
`kuaibao glossary list` shows what it adds."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from kuaibao.store import Store
from tests.support import cli

PAIRS = [
    (
        "Science Foundation Ireland (SFI) backs 12 new research centres",
        "爱尔兰科学基金会（SFI）资助12个新研究中心",
    ),
    (
        "Austrian Science Fund opens a new call for quantum research",
        "奥地利科学基金会启动量子研究新征集",
    ),
]
TEXT = "Science Foundation Ireland will fund five centres."


def _store_with_glossary(data_dir: Path) -> None:
    store = Store(cli.sqlite_url(data_dir))
    store.glossary.add_pairs([(o, c, None) for o, c in PAIRS], now=datetime.now(UTC))
    store.close()


def _organisations(data_dir: Path) -> list[str]:
    out = cli.run_json("facts", "--json", "--data-dir", str(data_dir), input_text=TEXT)
    return [o["zh"] for o in out["organisations"]]


def test_facts_and_check_use_the_stores_glossary(tmp_path: Path) -> None:
    _store_with_glossary(tmp_path)
    assert _organisations(tmp_path) == ["爱尔兰科学基金会（SFI）"]
    payload = {
        "source": "The Irish government will fund five centres.",
        "draft": "爱尔兰科学基金会将资助5个中心。",
    }
    proc = cli.run(
        "check", "--json", "--data-dir", str(tmp_path), input_text=json.dumps(payload), check=False
    )
    assert proc.returncode == 1
    assert [(u["text"], u["kind"]) for u in json.loads(proc.stdout)["unsupported"]] == [
        ("爱尔兰科学基金会", "organisation")
    ]


def test_without_a_store_the_packaged_gazetteer_is_used_and_no_store_is_made(
    tmp_path: Path,
) -> None:
    assert _organisations(tmp_path) == []
    assert not (tmp_path / "kuaibao.db").exists()


def test_glossary_list_shows_the_learned_entries(tmp_path: Path) -> None:
    _store_with_glossary(tmp_path)
    out = cli.run_json("glossary", "list", "--json", "--data-dir", str(tmp_path))
    assert out == [
        {
            "zh": "爱尔兰科学基金会（SFI）",
            "en": ["Science Foundation Ireland"],
            "abbr": "SFI",
            "kind": "funder",
            "country": "IE",
        },
        {
            "zh": "奥地利科学基金会",
            "en": ["Austrian Science Fund"],
            "abbr": None,
            "kind": "funder",
            "country": "AT",
        },
    ]
