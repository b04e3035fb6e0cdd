"""A generated news stream for the clustering benchmark, with the true stories known.

Stories are events (a funding round, a government grant, a research result, a contract, a
product launch, a policy plan) in one of eight fields, with actors drawn from shared pools
so that companies, ministries and investors recur across stories, amounts that are
sometimes round, and dates spread over a year. Each story is reported 1–30 times (most
stories a few times), by reports written from several templates per event kind with
synonyms, optional facts, shuffled sentences and field background sentences shared with
other stories. About 15% of reports are Chinese, written from Chinese templates with the
amounts in 亿/万 and foreign names kept in Latin script; about 8% are syndicated copies of an
earlier report with different boilerplate and small edits. Everything is seeded.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from benchmarks.clustering_words import (
    BOILERPLATE_EN,
    BOILERPLATE_ZH,
    CITIES,
    CURRENCIES,
    FIELDS,
    GOVERNMENTS,
    HAN_SYLLABLE,
    INVESTORS,
    SITES_EN,
    SITES_ZH,
    SYLLABLES,
    SYNONYMS_EN,
    SYNONYMS_ZH,
    TEMPLATES_EN,
    TEMPLATES_ZH,
    Field,
)

START = datetime(2026, 1, 1, tzinfo=UTC)
KINDS = ("funding", "grant", "result", "contract", "launch", "policy")


@dataclass(frozen=True)
class Story:
    """One event: its kind, field, actors, figures and date."""

    number: int
    kind: str
    field: Field
    company: str
    partner: str
    government: tuple[str, str]  # (English, Chinese)
    investor: str
    product: str
    amount: float
    amount2: float
    currency: tuple[str, str, str, str]
    pct: float
    count: int
    day: float  # days after START
    reports: int


@dataclass(frozen=True)
class Report:
    """One generated document and the truth about it."""

    id: int
    story: int
    language: str
    copy_of: int | None
    published_at: datetime
    title: str
    text: str


def _company(rng: random.Random, field: Field) -> str:
    stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).capitalize()
    return f"{stem} {rng.choice(field.suffixes)}"


def _amount(rng: random.Random) -> float:
    """Millions or billions, often specific, sometimes round (100 million, 1 billion)."""
    if rng.random() < 0.15:
        return rng.choice((50e6, 100e6, 200e6, 500e6, 1e9, 2e9))
    if rng.random() < 0.75:
        return rng.randrange(12, 990) * 1e6
    return rng.randrange(11, 99) * 1e8


def _reports_per_story(rng: random.Random) -> int:
    """1–30, most stories a handful (a long tail of big stories)."""
    return min(30, 1 + int(rng.expovariate(1 / 5.5)))


def make_stories(stories: int, singletons: int, seed: int) -> list[Story]:
    """The events; companies recur (a pool per field) as they do in real news."""
    rng = random.Random(seed)
    pools = {f.key: [_company(rng, f) for _ in range(max(20, stories // 25))] for f in FIELDS}
    out = []
    for number in range(stories + singletons):
        field = rng.choice(FIELDS)
        pool = pools[field.key]
        out.append(
            Story(
                number=number,
                kind=rng.choice(KINDS),
                field=field,
                company=rng.choice(pool),
                partner=rng.choice(pool),
                government=rng.choice(GOVERNMENTS),
                investor=rng.choice(INVESTORS),
                product=f"{rng.choice(field.product_names)}-{rng.randrange(2, 999)}",
                amount=_amount(rng),
                amount2=_amount(rng),
                currency=rng.choice(CURRENCIES),
                pct=round(rng.uniform(1, 99), rng.choice((0, 1, 1))),
                count=rng.randrange(120, 40_000),
                day=rng.uniform(0, 365),
                reports=1 if number >= stories else _reports_per_story(rng),
            )
        )
    return out


def _money_en(rng: random.Random, value: float, currency: tuple[str, str, str, str]) -> str:
    _code, sign, word, _zh = currency
    if value >= 1e9:
        number, scale, short = f"{value / 1e9:g}", "billion", "bn"
    else:
        number, scale, short = f"{value / 1e6:g}", "million", "m"
    if word:
        return f"{number} {scale}{word}"
    return f"{sign}{number}{short}" if rng.random() < 0.35 else f"{sign}{number} {scale}"


def _money_zh(value: float, currency: tuple[str, str, str, str]) -> str:
    if value >= 1e8:
        return f"{value / 1e8:g}亿{currency[3]}"
    return f"{value / 1e4:g}万{currency[3]}"


def _count_zh(rng: random.Random, count: int) -> str:
    if count >= 10_000 and count % 100 == 0 and rng.random() < 0.5:
        return f"{count / 1e4:g}万"
    return str(count)


def _han_name(company: str) -> str:
    """A stable Chinese transliteration of a generated company name."""
    stem = company.split()[0].lower()
    return "".join(HAN_SYLLABLE[sum(map(ord, stem[i : i + 2])) % len(HAN_SYLLABLE)]
                   for i in range(0, len(stem), 2))  # fmt: skip


def _slots(rng: random.Random, story: Story, zh: bool) -> dict[str, str]:
    noun_en, noun_zh = story.field.nouns[story.number % len(story.field.nouns)]
    metric_en, metric_zh = story.field.metrics[story.number % len(story.field.metrics)]
    gov_en, gov_zh = story.government
    city_en, city_zh = CITIES[story.number % len(CITIES)]
    pct = f"{story.pct:g}%" if zh or rng.random() < 0.7 else f"{story.pct:g} per cent"
    synonyms = SYNONYMS_ZH if zh else SYNONYMS_EN
    slots = {key: rng.choice(values) for key, values in synonyms.items()}
    company = story.company
    if zh and rng.random() < 0.5:
        company = f"{_han_name(company)}公司（{company}）"
    slots.update(
        company=company,
        partner=story.partner,
        investor=story.investor,
        product=story.product,
        noun=noun_zh if zh else noun_en,
        metric=metric_zh if zh else metric_en,
        gov=gov_zh if zh else gov_en,
        gov_cap=gov_zh if zh else gov_en[0].upper() + gov_en[1:],
        city=city_zh if zh else city_en,
        pct=pct,
        count=_count_zh(rng, story.count) if zh else f"{story.count:,}",
        amount=(_money_zh(story.amount, story.currency) if zh
                else _money_en(rng, story.amount, story.currency)),
        amount2=(_money_zh(story.amount2, story.currency) if zh
                 else _money_en(rng, story.amount2, story.currency)),
    )  # fmt: skip
    return slots


def write_report(rng: random.Random, story: Story, zh: bool) -> tuple[str, str]:
    """Title and text of one original report: lead, some facts, some background."""
    parts = TEMPLATES_ZH[story.kind] if zh else TEMPLATES_EN[story.kind]
    slots = _slots(rng, story, zh)
    facts = [f for f in parts["facts"] if rng.random() < 0.6]
    rng.shuffle(facts)
    background = story.field.background_zh if zh else story.field.background_en
    extra = rng.sample(background, rng.randint(1, min(3, len(background))))
    sentences = [rng.choice(parts["lead"]), *facts, *extra]
    if rng.random() < 0.3 and len(sentences) > 2:
        sentences[1:] = rng.sample(sentences[1:], len(sentences) - 1)
    joiner = "" if zh else " "
    text = joiner.join(s.format(**slots) for s in sentences)
    return rng.choice(parts["title"]).format(**slots), text


def copy_report(rng: random.Random, title: str, text: str, zh: bool) -> tuple[str, str]:
    """A syndicated copy: other boilerplate around the text, sometimes one sentence cut."""
    site = rng.choice(SITES_ZH if zh else SITES_EN)
    head, tail = rng.choice(BOILERPLATE_ZH if zh else BOILERPLATE_EN)
    mark = "。" if zh else ". "
    sentences = [s for s in text.split(mark) if s]
    if len(sentences) > 3 and rng.random() < 0.5:
        del sentences[rng.randrange(1, len(sentences))]
    body = mark.join(sentences)
    if not body.endswith(mark.strip()):
        body += mark.strip()
    joiner = "" if zh else " "
    return title, joiner.join(
        p for p in (head.format(site=site), body, tail.format(site=site)) if p
    )


def _schedule(stories: list[Story], seed: int) -> list[tuple[float, int, int]]:
    """(time in days, story, report number) of every report, oldest first; the first
    report of a story comes first, the others within four days."""
    rng = random.Random(seed + 1)
    slots = []
    for story in stories:
        for n in range(story.reports):
            lag = 0.0 if n == 0 else min(4.0, 0.01 + rng.expovariate(1 / 0.8))
            slots.append((story.day + lag, story.number, n))
    slots.sort()
    return slots


def generate(stories: int, singletons: int, seed: int = 7) -> Iterator[Report]:
    """Every report of every story, oldest first; copies follow what they copy."""
    plan = make_stories(stories, singletons, seed)
    written: dict[tuple[int, int], tuple[str, str, bool, int]] = {}
    for number, (day, story_no, n) in enumerate(_schedule(plan, seed)):
        story = plan[story_no]
        rng = random.Random(seed * 1_000_003 + story_no * 31 + n)
        earlier = [written[key] for k in range(n) if (key := (story_no, k)) in written]
        copy_of = None
        if earlier and rng.random() < 0.09:
            title, text, zh, copy_of = rng.choice(earlier)
            title, text = copy_report(rng, title, text, zh)
        else:
            zh = rng.random() < 0.15
            title, text = write_report(rng, story, zh)
        if copy_of is None:  # copies are made from originals, never from copies
            written[(story_no, n)] = (title, text, zh, number)
        when = START + timedelta(days=day)
        yield Report(number, story_no, "zh" if zh else "en", copy_of, when, title, text)
