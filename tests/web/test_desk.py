"""The writing desk over HTTP: the sources beside the draft, other reports one click away,
facts with their house-style forms, organisation names with the archive's past renderings,
hostile report text, and the editor's speed with a story of twenty reports."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from kuaibao.domain import Document, Item, ItemState, Source, SourceKind, Story
from kuaibao.facts import load_gazetteer
from kuaibao.store import Store, StoryLink
from kuaibao.web.core.state import utcnow
from kuaibao.web.items.desk_names import archive_query, past_renderings
from tests.triage.corpus import GRANT
from tests.web.conftest import SignedIn, WebApp, only_sqlite

LEAD_URL = "https://agency.example/quantum-hubs"
WIRE_URL = "https://wire.example/hubs"
KEY_SENTENCE = "The hubs will build error-corrected quantum processors and train 400 researchers."
STORY_ID = 41


def _source(store: Store, name: str, country: str) -> int:
    source = Source(
        name=name,
        homepage=f"https://{country.lower()}.example/",
        kind=SourceKind.RSS,
        feed_url=f"https://{country.lower()}.example/feed-{abs(hash(name))}.xml",
        tier=1,
        country=country,
    )
    store.sources.upsert_many([source], now=utcnow())
    return next(s.id for s in store.sources.all() if s.name == name and s.id)


def _doc(store: Store, url: str, title: str, text: str, source_id: int | None, day: int) -> int:
    doc = Document(
        url=url,
        canonical_url=url,
        title=title,
        text=text,
        content_hash=f"{abs(hash(url + text)):064d}"[:64],
        source_id=source_id,
        fetched_at=utcnow(),
        published_at=datetime(2026, 11, day, 10, tzinfo=UTC),
        language="en",
    )
    stored, _ = store.documents.add(doc)
    assert stored.id is not None
    return stored.id


def _story_item(store: Store, *, extra_reports: int = 0, lead_text: str = GRANT[0][1]) -> Item:
    """An item drafted from a story: the lead report, a wire copy and ``extra_reports``
    more reports, linked as the pipeline links them."""
    agency = _source(store, "Agency News", "GB")
    wire = _source(store, "Wire Service", "US")
    lead = _doc(store, LEAD_URL, GRANT[0][0], lead_text, agency, 12)
    copy = _doc(store, WIRE_URL, GRANT[1][0], GRANT[1][1], wire, 13)
    more = [
        _doc(
            store,
            f"https://more.example/{n}",
            f"Report {n} on the quantum hubs",
            (GRANT[1][1] + " ") * 30,
            wire,
            14,
        )
        for n in range(extra_reports)
    ]
    docs = [lead, copy, *more]
    item = store.items.add(
        Item(
            title="英国研究与创新署投资1.2亿英镑建设五个量子计算中心",
            body=["2026年11月12日，英国研究与创新署宣布投资1.2亿英镑。", "第二段。"],
            domain="量子技术",
            section="产业动态",
            source_urls=[LEAD_URL, WIRE_URL],
            document_ids=[lead, copy],
            notes=["[offline]", KEY_SENTENCE],
        ),
        now=utcnow(),
    )
    now = utcnow()
    story = Story(
        id=STORY_ID, title=GRANT[0][0], document_ids=docs, first_seen=now, last_seen=now,
        lead_document_id=lead, domain="量子技术", relevance=0.9,
    )  # fmt: skip
    store.stories.save([StoryLink(d, STORY_ID) for d in docs], [story], now=now)
    store.stories.link_item(STORY_ID, item.id or 0, now=now)
    return item


def _archive(store: Store, *renderings: str) -> list[int]:
    """Published archive items naming UKRI in the given Chinese forms."""
    stored = store.items.add_many(
        [
            Item(
                title=f"{form}资助量子传感研究{n}",
                body=[f"{form}近日宣布资助量子传感研究。"],
                original_title=f"UKRI funds quantum sensing {n}",
                state=ItemState.PUBLISHED,
            )
            for n, form in enumerate(renderings)
        ],
        now=utcnow(),
    )
    return [i.id or 0 for i in stored]


def _desk(html: str) -> str:
    found = re.search(r'<section id="desk".*?</section>', html, re.S)
    assert found, "the editor shows the desk"
    return found.group(0)


def test_the_lead_report_stands_beside_the_draft(web: WebApp, analyst: SignedIn) -> None:
    item = _story_item(web.store)
    page = analyst.http.get(f"/items/{item.id}")
    assert page.status_code == 200
    desk = _desk(page.text)
    # The lead report in full: title linked, source, country, date, and its text.
    assert f'href="{LEAD_URL}"' in desk and GRANT[0][0] in desk
    assert "Agency News" in desk and "GB" in desk and "2026-11-12" in desk
    assert "error-corrected quantum processors" in desk
    # Its facts are marked and clickable with the house-style form.
    assert '<mark class="fact fact-money" title="1.2亿英镑" data-insert="1.2亿英镑"' in desk
    assert re.search(r'data-insert="2026年11月12日"[^>]*>12 November 2026</mark>', desk)
    assert '<button type="button" class="insert fact-money" data-insert="1.2亿英镑"' in desk
    # The other report is one click away: a tab that fetches it (htmx) or opens it (link).
    tab = f'href="/items/{item.id}?report={item.document_ids[1]}"'
    assert tab in desk and f'hx-get="/items/{item.id}/reports/{item.document_ids[1]}"' in desk
    assert GRANT[1][1][:40] not in desk, "other reports are not read until asked for"
    # The draft's key sentence is on the desk, and the writer's name is not one.
    key = re.search(r'<ul class="key-sentences">(.*?)</ul>', desk, re.S)
    assert key is not None and KEY_SENTENCE in key.group(1) and "offline" not in key.group(1)
    assert '<script src="/static/desk.js" defer></script>' in page.text


def test_another_report_opens_in_the_desk(web: WebApp, analyst: SignedIn) -> None:
    item = _story_item(web.store)
    wire = item.document_ids[1]
    fragment = analyst.http.get(f"/items/{item.id}/reports/{wire}", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert fragment.text.lstrip().startswith('<section id="desk"')
    assert GRANT[1][1][:40] in fragment.text and "Wire Service" in fragment.text
    assert 'aria-current="true"' in fragment.text
    # Without JavaScript the tab's link opens the editor on that report.
    plain = analyst.http.get(f"/items/{item.id}/reports/{wire}")
    assert (plain.status_code, plain.headers["location"]) == (
        303,
        f"/items/{item.id}?report={wire}",
    )
    page = analyst.http.get(plain.headers["location"]).text
    assert GRANT[1][1][:40] in _desk(page)
    # A document of no story of this item is not shown through it.
    stranger = _doc(web.store, "https://else.example/x", "Else", "Other text.", None, 1)
    assert analyst.http.get(f"/items/{item.id}?report={stranger}").status_code == 404
    hx = analyst.http.get(f"/items/{item.id}/reports/{stranger}", headers={"HX-Request": "1"})
    assert hx.status_code == 404
    api = analyst.http.get(f"/api/items/{item.id}/desk", params={"report": wire}).json()
    assert [t["id"] for t in api["tabs"]] == item.document_ids
    assert api["report"]["id"] == wire and api["report"]["lead"] is False
    assert api["key_sentences"] == [KEY_SENTENCE]


def test_organisations_show_the_standard_name_and_past_renderings(
    web: WebApp, analyst: SignedIn
) -> None:
    item = _story_item(web.store)
    archive = _archive(web.store, "英国研究与创新署（UKRI）", "英国研究与创新局（UKRI）",
                       "英国研究与创新局（UKRI）")  # fmt: skip
    data = analyst.http.get(f"/api/items/{item.id}/desk").json()
    names = {n["zh"]: n for n in data["report"]["names"]}
    ukri = names["英国研究与创新署（UKRI）"]
    assert ukri["text"] in ("UK Research and Innovation", "UKRI")
    past = [(r["zh"], r["items"], r["latest_item"], r["standard"]) for r in ukri["renderings"]]
    assert past == [
        ("英国研究与创新局", 2, archive[2], False),
        ("英国研究与创新署（UKRI）", 1, archive[0], True),
    ]
    desk = _desk(analyst.http.get(f"/items/{item.id}").text)
    assert 'data-insert="英国研究与创新局"' in desk and "2条" in desk
    assert f'href="/items/{archive[2]}"' in desk


@only_sqlite
def test_hostile_report_text_stays_text(web: WebApp, analyst: SignedIn) -> None:
    evil = '<script>alert(1)</script><img src=x onerror="alert(2)"> raised $90 million'
    item = _story_item(web.store, lead_text=evil)
    html = analyst.http.get(f"/items/{item.id}").text
    desk = _desk(html)
    assert "<script>alert" not in desk and "<img" not in desk
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in desk
    assert 'data-insert="9000万美元"' in desk


@only_sqlite
def test_twenty_reports_give_twenty_tabs_and_one_report_text(
    web: WebApp, analyst: SignedIn
) -> None:
    """The editor stays fast with a big story because only the lead report is read and
    marked up; the others are tabs loaded when clicked (timings: benchmarks, not here)."""
    item = _story_item(web.store, extra_reports=18)
    page = analyst.http.get(f"/items/{item.id}")
    assert page.status_code == 200
    assert page.text.count('class="tab') == 20
    desk = _desk(page.text)
    assert "will build error-corrected quantum" in desk  # the lead report's text
    assert "university-led quantum computing hubs" not in desk  # the others: not yet loaded


def test_a_rare_rendering_is_found_past_the_first_matches(web: WebApp) -> None:
    """Forty-five newer items print the standard form; two older ones another. The first
    search reads forty items (the standard form ranks first); the next ones exclude what
    was found and reach the rare rendering."""
    rare = _archive(web.store, "英国研究与创新局（UKRI）", "英国研究与创新局（UKRI）")
    _archive(web.store, *["英国研究与创新署（UKRI）"] * 45)
    ukri = load_gazetteer(web.settings.data_dir).lookup("UKRI")
    assert ukri is not None
    found = {r.zh: r for r in past_renderings(web.store, ukri, exclude=None)}
    assert set(found) == {"英国研究与创新署（UKRI）", "英国研究与创新局"}
    assert (found["英国研究与创新局"].items, found["英国研究与创新局"].latest_item) == (2, rare[1])
    assert archive_query(ukri, ["英国研究与创新局"]) == (
        '"UK Research and Innovation" OR "UKRI" -"英国研究与创新局"'
    )
