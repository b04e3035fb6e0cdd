"""The stored form of a story's ranking: what the ranking pass writes reads back the same,
and a damaged or old value reads as an unranked story instead of failing a page."""

from __future__ import annotations

import json

from kuaibao.domain import CoveredIn, Ranking


def test_a_ranking_survives_its_json() -> None:
    ranking = Ranking(
        signals={"relevance": 0.8123, "tier": 1.0},
        reasons=("relevance 0.81 (量子技术)", "tier 1 source"),
        covered_in=CoveredIn("2026年第5期", bulletin_id=3, item_id=7),
        new_figures=("4.2亿美元",),
        suggest_focus=True,
    )
    stored = json.loads(json.dumps(ranking.to_json(), ensure_ascii=False))
    assert stored["covered_in"] == {"bulletin": 3, "label": "2026年第5期", "item": 7}
    assert stored["signals"] == {"relevance": 0.812, "tier": 1.0}
    back = Ranking.from_json(stored)
    assert back.covered_in == ranking.covered_in
    assert back.reasons == ranking.reasons and back.new_figures == ranking.new_figures
    assert back.suggest_focus and back.signals == {"relevance": 0.812, "tier": 1.0}
    assert Ranking.from_json(back.to_json()) == back


def test_a_story_never_ranked_has_an_empty_ranking() -> None:
    assert Ranking.from_json({}) == Ranking()
    assert Ranking.from_json(None) == Ranking()
    assert Ranking().to_json() == {
        "signals": {},
        "reasons": [],
        "covered_in": None,
        "new_figures": [],
        "suggest_focus": False,
    }


def test_values_of_the_wrong_type_read_as_absent() -> None:
    damaged = {
        "signals": {"relevance": "high", "tier": 0.6},
        "reasons": "not a list",
        "covered_in": {"bulletin": "3", "item": None},
        "new_figures": None,
        "suggest_focus": 1,
    }
    ranking = Ranking.from_json(damaged)
    assert ranking == Ranking(signals={"tier": 0.6}, suggest_focus=True)
    covered = CoveredIn.from_json({"bulletin": "3", "label": "2026年第5期"})
    assert covered == CoveredIn("2026年第5期")
