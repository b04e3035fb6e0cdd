from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kuaibao.dedup import ClusterDoc, ClusterSettings, StoryIndex

DAY = datetime(2026, 11, 10, 9, tzinfo=UTC)
WIRE = (
    "The joint Mars sample return mission will not bring rock cores to Earth before 2035, "
    "after the agency capped its budget at $7.2 billion, officials said on Wednesday. The "
    "revised plan replaces the fetch rover with two helicopters and moves the orbiter "
    "launch to 2031. Engineers said the 38 sealed sample tubes remain in good condition."
)
GRANT_A = ClusterDoc(
    "grant-a",
    "£240 million for Pembrey Microsystems gallium nitride fab",
    "The Department for Science and Industrial Strategy will award £240 million to Pembrey "
    "Microsystems to build a gallium nitride fab in Sunderland, ministers announced today. "
    "The grant comes from the £1 billion semiconductor capability fund.",
    published_at=DAY,
)
GRANT_B = ClusterDoc(
    "grant-b",
    "£72 million for Tamar Photonics pilot line",
    "The Department for Science and Industrial Strategy will award £72 million to Tamar "
    "Photonics to open a silicon photonics pilot line in Plymouth, ministers announced "
    "today. The grant comes from the £1 billion semiconductor capability fund.",
    published_at=DAY + timedelta(days=2),
)
GRANT_A_ZH = ClusterDoc(
    "grant-a-zh",
    "英国政府拨款2.4亿英镑支持氮化镓芯片工厂",
    "英国科学与产业战略部宣布，将向彭布雷微系统公司（Pembrey Microsystems）提供2.4亿英镑资助，"
    "用于在桑德兰建设氮化镓芯片工厂。",
    published_at=DAY + timedelta(hours=18),
)


def wire(doc_id: str, when: datetime, text: str = WIRE) -> ClusterDoc:
    return ClusterDoc(doc_id, "Mars sample return slips to 2035", text, published_at=when)


def test_a_syndicated_copy_joins_the_story_as_a_near_duplicate() -> None:
    index = StoryIndex()
    copy = f"By Wire staff | 3 min read. {WIRE} Copyright 2026 Wire. Sign up for our newsletter."
    first, second = index.add([wire("w1", DAY), wire("w2", DAY + timedelta(hours=2), copy)])
    assert first.is_new_story
    assert second.story_id == first.story_id
    assert second.near_duplicate_of == "w1"
    assert second.score >= 0.5


def test_same_ministry_different_grants_stay_apart() -> None:
    a, b = StoryIndex().add([GRANT_A, GRANT_B])
    assert a.story_id != b.story_id
    assert b.is_new_story


def test_a_chinese_report_joins_the_english_story_through_anchors() -> None:
    a, b, zh = StoryIndex().add([GRANT_A, GRANT_B, GRANT_A_ZH])
    assert zh.story_id == a.story_id != b.story_id
    assert zh.near_duplicate_of is None


def test_the_same_text_two_months_later_is_a_new_story() -> None:
    first, later = StoryIndex().add([wire("w1", DAY), wire("w2", DAY + timedelta(days=60))])
    assert later.is_new_story
    assert later.story_id != first.story_id


def test_a_wider_window_lets_it_join() -> None:
    settings = ClusterSettings(window_days=90, duplicate_window_days=90)
    first, later = StoryIndex(settings).add([wire("w1", DAY), wire("w2", DAY + timedelta(days=60))])
    assert later.story_id == first.story_id


def test_known_and_repeated_ids_are_reported_not_placed_again() -> None:
    index = StoryIndex()
    (first,) = index.add([wire("w1", DAY)])
    again, other, repeat = index.add([wire("w1", DAY), GRANT_A, GRANT_A])
    assert again.story_id == first.story_id and not again.is_new_story
    assert repeat.story_id == other.story_id and not repeat.is_new_story
    assert len(index) == 2
    assert index.groups() == {first.story_id: ["w1"], other.story_id: ["grant-a"]}


def test_seeded_stories_keep_their_ids_and_attract_new_reports() -> None:
    index = StoryIndex()
    index.seed([(GRANT_A, 41), (GRANT_B, 7)])
    (zh,) = index.add([GRANT_A_ZH])
    (fresh,) = index.add([wire("w1", DAY)])
    assert zh.story_id == 41 and not zh.is_new_story
    assert fresh.story_id == 42 and fresh.is_new_story
    assert index.story_of("grant-b") == 7


def test_add_stream_gives_what_add_gives() -> None:
    docs = [GRANT_A, GRANT_B, GRANT_A_ZH, wire("w1", DAY), wire("w2", DAY)]
    streamed = list(StoryIndex().add_stream(docs, batch_size=2))
    assert streamed == StoryIndex().add(docs)


def test_documents_without_dates_or_text_still_get_a_story() -> None:
    empty, undated = StoryIndex().add([ClusterDoc(1, "", ""), ClusterDoc(2, "Title only", "")])
    assert empty.is_new_story and undated.is_new_story
    assert empty.near_duplicate_of is None and undated.near_duplicate_of is None


def test_figures_deep_in_a_long_report_do_not_glue_it_to_a_story() -> None:
    filler = "Background paragraph about regional industrial policy and skills. " * 100
    deep = "Annex: Pembrey Microsystems, £240 million, £1 billion fund, Sunderland, 540 jobs."
    report = ClusterDoc(
        "report",
        "Annual review of regional innovation policy",
        f"This review looks at ten years of regional policy. {filler}{deep}",
        published_at=DAY + timedelta(days=1),
    )
    settings = ClusterSettings()
    assert deep[:30] not in report.text[: settings.anchor_chars]
    first, second = StoryIndex(settings).add([GRANT_A, report])
    assert second.is_new_story
    wide = ClusterSettings(anchor_chars=100_000, join_threshold=0.4)
    assert StoryIndex(wide).add([GRANT_A, report])[1].story_id == first.story_id
