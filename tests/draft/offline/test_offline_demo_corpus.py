"""The offline writer measured on the demo corpus: every demo article drafted alone.

The demo's 51 articles (44 English, 7 Chinese) are fictional but written like real S&T
news, so they stand in for what the writer meets in use. The floors below were measured
when the writer was tuned on this corpus and are pinned so that a change that makes the
drafts worse fails here. ``measure`` is importable, so the same figures can be printed
for any version of the writer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import pytest

from kuaibao.demo.content import load_sites
from kuaibao.domain import Document
from kuaibao.draft import story_published, story_source, write_offline_draft
from kuaibao.draft.model import Draft, SourceInfo, StoryInput
from kuaibao.draft.offline.actions import ACTIONS
from kuaibao.draft.offline.keyfigure import carries, first_paragraph, key_figure
from kuaibao.draft.offline.lexicon import finder_for
from kuaibao.draft.offline.reading import read_document, source_texts
from kuaibao.extract.document import content_hash
from kuaibao.facts import check_draft, extract_facts, load_gazetteer
from kuaibao.text.scripts import has_han

GAZETTEER = load_gazetteer()
SECTIONS = {"policy": "科技政策与科研计划", "research": "前沿研究动态", "industry": "产业动态"}
RELATED = "相关动态"
# Chinese verbs a lead may state the action with: the lexicon's, and the phrasings the
# writer builds around them (宣布投入, 完成……融资, 提交……审议, 创下……纪录).
VERBS = frozenset(
    {a.zh for a in ACTIONS} | {"宣布", "投入", "获得", "融资", "提交", "创下", "拨付"}
)
_LATIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9&.'-]*(?:[ -][A-Za-z0-9][A-Za-z0-9&.'-]*)*")
_NOT_ACTORS = ("programme", "law", "strategy", "event")

# Pinned floors (measured on the corpus; see the module docstring).
ARTICLES, ENGLISH = 51, 44
MIN_NAMED_LEADS = 37  # English leads naming an actor and an action (84%; 5 before tuning)
MAX_RELATED_TITLES = 1  # English titles that fall back to "……相关动态" (2%; 37 before)


@dataclass(frozen=True)
class Drafted:
    """One demo article, the story the writer saw, and its draft."""

    slug: str
    english: bool
    original_title: str
    story: StoryInput
    draft: Draft

    @property
    def printed(self) -> str:
        return "\n".join([self.draft.title, *self.draft.body])


@dataclass
class Figures:
    """What ``measure`` counts over a corpus."""

    articles: int = 0
    english: int = 0
    han_titles: int = 0
    named_leads: int = 0  # English leads with a named actor and an action verb
    related_titles: int = 0  # English titles ending in 相关动态
    check_failures: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)


def corpus() -> list[tuple[str, bool, StoryInput]]:
    """Every demo article as a one-document story, as the pipeline would hand it over."""
    stories = []
    for site in load_sites():
        for article in site.articles:
            text = "\n\n".join(article.paragraphs)
            url = f"https://{site.key}.example{article.path}"
            doc = Document(
                url=url,
                canonical_url=url,
                title=article.title,
                text=text,
                content_hash=content_hash(text),
                language=site.language,
                published_at=article.published,
                fetched_at=article.published,
            )
            source = SourceInfo(site.name, site.country, site.region, site.language)
            story = StoryInput(
                [doc],
                article.domain,
                SECTIONS[article.category],
                article.published.date(),
                sources=[source],
            )
            stories.append((article.slug, site.language == "en", story))
    return stories


@cache
def drafted() -> tuple[Drafted, ...]:
    """The corpus drafted once per test run."""
    return tuple(
        Drafted(
            slug,
            english,
            story.documents[0].title,
            story,
            write_offline_draft(story, gazetteer=GAZETTEER),
        )
        for slug, english, story in corpus()
    )


def names_an_actor(lead: str, source: str) -> bool:
    """The lead names who acted: a gazetteer organisation or country of the source in
    Chinese, or an organisation the source spells in Latin letters (Verity Bio公司)."""
    facts = extract_facts(source, gazetteer=GAZETTEER)
    zh = [o.zh for o in facts.organisations if o.kind not in _NOT_ACTORS]
    zh += [re.sub(r"[（(][^）)]*[）)]$", "", name) for name in zh] + [p.zh for p in facts.places]
    if any(name and name in lead for name in zh):
        return True
    return any(len(run) > 2 and run in source for run in _LATIN_RE.findall(lead))


def measure(items: tuple[Drafted, ...]) -> Figures:
    """Titles in Chinese, named English leads, 相关动态 fallbacks and check failures."""
    figures = Figures(articles=len(items))
    for item in items:
        draft, source = item.draft, story_source(item.story)
        figures.han_titles += has_han(draft.title)
        result = check_draft(
            source, item.printed, published=story_published(item.story), gazetteer=GAZETTEER
        )
        if not result.ok:
            figures.check_failures.append(item.slug)
        if not item.english:
            continue
        figures.english += 1
        figures.related_titles += draft.title.endswith(RELATED)
        lead = draft.body[0] if draft.body else ""
        if names_an_actor(lead, source) and any(verb in lead for verb in VERBS):
            figures.named_leads += 1
        else:
            figures.unnamed.append(item.slug)
    return figures


@pytest.fixture(scope="module")
def figures() -> Figures:
    return measure(drafted())


def test_the_corpus_is_the_demo_corpus(figures: Figures) -> None:
    assert (figures.articles, figures.english) == (ARTICLES, ENGLISH)


def test_every_title_is_chinese_never_the_english_original(figures: Figures) -> None:
    assert figures.han_titles == figures.articles
    for item in drafted():
        if item.english:
            assert item.draft.title != item.original_title


def test_every_draft_passes_the_fact_check(figures: Figures) -> None:
    assert figures.check_failures == []


def test_english_leads_name_an_actor_and_an_action(figures: Figures) -> None:
    assert figures.named_leads >= MIN_NAMED_LEADS, figures.unnamed
    assert figures.named_leads >= 0.8 * figures.english


def test_few_english_titles_fall_back_to_related_news(figures: Figures) -> None:
    assert figures.related_titles <= MAX_RELATED_TITLES
    assert figures.related_titles <= 0.1 * figures.english


def test_every_latin_name_in_a_draft_is_spelled_so_in_its_source() -> None:
    """Names the gazetteer lacks are copied, never made up (its own ones, with their
    abbreviations, are the checker's business)."""
    for item in drafted():
        source, printed = story_source(item.story), item.printed
        for org in extract_facts(printed, gazetteer=GAZETTEER).organisations:
            printed = printed.replace(org.text, "")
        for run in _LATIN_RE.findall(printed):
            assert run in source, (item.slug, run, item.printed)


@pytest.mark.parametrize(
    ("slug", "title", "lead"),
    [
        (
            "verity-bio-obesity-licensing-d",
            "Verity Bio公司授权口服减肥药，交易价值不超过46亿美元",
            "Verity Bio公司授权口服减肥药",
        ),
        (
            "halberd-security-acquires-keyw",
            "Halberd Security公司将收购美国Keyward公司",
            "美国Halberd Security公司同意以21亿美元收购美国Keyward公司",
        ),
        (
            "ai-assurance-bill-introduced",
            "人工智能保障法案提交英国下议院审议",
            "提交英国下议院审议",
        ),
        ("critical-suppliers-cyber-regul", "网络安全规则正式生效", "网络安全规则正式生效"),
        (
            "sodium-ion-cathode-energy-dens",
            "Baden Institute for Energy Materials研究人员开发出正极材料",
            "德国Baden Institute for Energy Materials研究人员开发出正极材料",
        ),
        ("launch-market-prices-2026", "发射价格下降18%", "Meridian发布发射合同评估报告"),
    ],
)
def test_drafts_say_who_did_what(slug: str, title: str, lead: str) -> None:
    item = next(i for i in drafted() if i.slug.startswith(slug))
    assert title in item.draft.title
    assert lead in item.draft.body[0]


# Honesty rules (issue 11): measured 43 figure lists, 9 bare 政府/研究人员, 7 Chinese drafts
# keeping 我省/近日/year-less dates and 6 missing key figures before the rules.
# 5 before the unit fix of round 2: "52 GW", "1-nanometre" and "200 watt-hours per kilogram"
# were not read as figures at all (a unit after a number never matched); now they are, and
# no clause of those drafts can carry them yet.
MAX_KEY_FIGURE_MISSING = 8
_BARE_RE = re.compile(r"(?:^|[，。；：、]|消息，)(?:政府|议会|研究人员)")
_LOCAL_RE = re.compile(r"我省|本省|全省|我市|本市|近日|日前|(?<![年\d])\d{1,2}月\d{1,2}日")


def test_no_draft_lists_figures_without_their_sentence() -> None:
    for item in drafted():
        assert "文中还提及" not in item.printed and "（涉及" not in item.printed, item.slug
        assert "文中提及的机构" not in item.printed, item.slug  # names go to the notes


def test_no_draft_names_a_bare_government_parliament_or_researchers() -> None:
    for item in drafted():
        for part in (item.draft.title, *item.draft.body):
            assert _BARE_RE.search(part) is None, (item.slug, part)


def test_chinese_drafts_name_the_province_and_date_every_event() -> None:
    chinese = [i for i in drafted() if not i.english]
    assert len(chinese) == ARTICLES - ENGLISH
    for item in chinese:
        assert _LOCAL_RE.search(item.printed) is None, (item.slug, item.printed)
        assert re.match(r"\d{4}年\d{1,2}月", item.draft.body[0]), item.draft.body[0]
        assert sum(len(p) for p in item.draft.body) <= 400


def test_the_key_figure_is_in_the_title_or_lead() -> None:
    missing = []
    for item in drafted():
        doc = read_document(
            source_texts(item.story)[0],
            item.story.documents[0],
            finder_for(None),
            GAZETTEER,
            story_published(item.story),
        )
        figure = key_figure(doc.title, first_paragraph(doc.sentences))
        lead = item.draft.body[0] if item.draft.body else ""
        if figure is not None and not carries(f"{item.draft.title}\n{lead}", figure):
            missing.append(item.slug)
    assert len(missing) <= MAX_KEY_FIGURE_MISSING, missing


def test_key_sentences_stay_beside_the_draft_not_in_it() -> None:
    """English sources' sentences are never printed (a Chinese draft keeps its own words)."""
    for item in (i for i in drafted() if i.english):
        assert item.draft.key_sentences
        assert not any(k in item.printed for k in item.draft.key_sentences), item.slug
