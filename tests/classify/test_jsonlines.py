from __future__ import annotations

import json

from kuaibao.classify.jsonlines import classify_json_lines, parse_line


def test_one_result_per_line_in_order_with_errors_inline() -> None:
    lines = [
        json.dumps({"title": "Quantum start-up raises $50 million", "text": "qubits"}),
        "",
        "{not json",
        json.dumps({"title": "明天有暴雨", "text": "气象台预报气温下降。"}, ensure_ascii=False),
        json.dumps(["a list"]),
        json.dumps({"title": 3}),
    ]
    out = list(classify_json_lines(lines))
    assert [sorted(o) for o in out] == [
        ["domain", "reasons", "relevance", "section"],
        ["error", "line"],
        ["domain", "reasons", "relevance", "section"],
        ["error", "line"],
        ["error", "line"],
    ]
    assert (out[0]["domain"], out[0]["section"]) == ("量子技术", "产业动态")
    assert out[2]["domain"] == "无关" and out[2]["relevance"] < 0.3
    assert [o["line"] for o in out if "error" in o] == [3, 5, 6]
    json.dumps(out, ensure_ascii=False)  # every result is JSON-ready


def test_parse_line_accepts_a_title_or_a_text() -> None:
    assert parse_line('{"title": "t"}') == ("t", "")
    assert parse_line('{"text": "x"}') == ("", "x")
