"""`kuaibao facts` and `kuaibao check` as scripts call them (stdin in, JSON out)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from kuaibao.domain import Document, Item
from kuaibao.store import Store
from tests.support import cli


def test_facts_contract() -> None:
    text = "On March 15, 2024 the UK said it would spend £35 million, up 12 per cent."
    out = cli.run_json("facts", "--json", input_text=text)
    assert set(out) >= {"dates", "money", "percentages", "organisations", "places"}
    assert [(d["iso"], d["zh"]) for d in out["dates"]] == [("2024-03-15", "2024年3月15日")]
    (money,) = out["money"]
    assert (money["amount"], money["currency"], money["zh"]) == (35_000_000, "GBP", "3500万英镑")
    assert out["percentages"][0]["text"] == "12 per cent"
    assert any(p["zh"] == "英国" for p in out["places"])


def test_check_contract_flags_a_wrong_amount_with_its_position() -> None:
    payload = {
        "source": "The agency will invest $52 billion in chips over five years.",
        "draft": "该机构将在五年内投入250亿美元支持芯片。",
    }
    proc = cli.run("check", "--json", input_text=json.dumps(payload), check=False)
    assert proc.returncode == 1
    out = json.loads(proc.stdout)
    assert out["ok"] is False
    (bad,) = out["unsupported"]
    assert payload["draft"][bad["start"] : bad["end"]] == bad["text"] == "250亿美元"
    assert bad["kind"] == "money"
    good = dict(payload, draft="该机构将在五年内投入520亿美元支持芯片。")
    assert cli.run_json("check", "--json", input_text=json.dumps(good)) == {
        "ok": True,
        "unsupported": [],
    }


def test_check_item_against_its_linked_documents(tmp_path: Path) -> None:
    store = Store(cli.sqlite_url(tmp_path))
    doc, _ = store.documents.add(
        Document(
            url="https://ex.gov/n",
            canonical_url="https://ex.gov/n",
            title="Grant",
            text="The department awarded £185 million on 3 November 2026.",
            content_hash="a" * 64,
            fetched_at=datetime.now(UTC),
        )
    )
    assert doc.id is not None
    item = store.items.add(
        Item(
            title="英国拨款1.85亿英镑",
            body=["2026年11月4日，英国政府拨款1.85亿英镑。"],
            document_ids=[doc.id],
        ),
        now=datetime.now(UTC),
    )
    store.close()
    proc = cli.run("check", str(item.id), "--json", "--data-dir", str(tmp_path), check=False)
    out = json.loads(proc.stdout)
    assert proc.returncode == 1
    assert [(u["text"], u["kind"]) for u in out["unsupported"]] == [("2026年11月4日", "date")]


def test_check_rejects_bad_stdin_clearly() -> None:
    proc = cli.run("check", "--json", input_text="not json", check=False)
    assert proc.returncode == 1
    assert "stdin is not JSON" in proc.stderr
