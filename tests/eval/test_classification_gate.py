"""Quality gate: domain, section and relevance classification on the project's evaluation set.

``classification.yaml`` holds 313 short news texts written for kuaibao (half English, half
Chinese; 49 off-topic). A fixed hash splits them 70/30 per label. The gate trains on the
train part plus the seed bulletin's items (when the seed is present), scores the held-out
part, and pins the measured figures minus a small margin:

* held-out domain macro-F1 measured 1.000 (floor 0.97; the issue asks for >= 0.90),
  section macro-F1 measured 0.977 (floor 0.96; the issue asks for >= 0.85; 0.989 before
  sections were read by actor and act: one more held-out miss);
* every held-out off-topic text gets relevance < 0.3 (highest measured: 0.18);
* the seed bulletin's 13 items, classified from their Chinese text by a model that never
  saw them (trained on this set only), get 13/13 domains;
* the demo site's 51 fictional articles (written by another team, never tuned on) get
  domains 48/51 and sections 44/51 with the model (floors 0.90 and 0.82; sections were
  42/51 before the actor/act reading), and sections 42/51 by the rules alone, as
  ``kuaibao demo`` files them (floor 0.78; 36/51 before). Their section labels are in
  ``demo_sections.yaml``, written by actor and act before the classifier was run on them.

Blind check when the set was built: the last 46 texts were written after the rules were
settled and scored 1.000 (domain) and 0.925 (section) before they joined the set.
Re-measure with ``python -m benchmarks classification`` after changing rules or data, and
sections alone with ``python -m benchmarks.sections`` (``--dev`` for the training part).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from kuaibao.bulletin.importers.text import parse_bulletin_text
from kuaibao.classify.classifier import classify_many
from kuaibao.classify.evaluation import assess
from kuaibao.classify.examples import Example, examples_from_items, load_examples, split_examples
from kuaibao.classify.model import Model, train
from kuaibao.classify.reporting import Report
from kuaibao.classify.taxonomy import IRRELEVANT, load_taxonomy
from kuaibao.demo.content import load_sites
from kuaibao.domain import Item

EVAL_SET = Path(__file__).with_name("classification.yaml")
SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_dbc9ab053260726e.txt"
DOMAIN_F1_FLOOR = 0.97
SECTION_F1_FLOOR = 0.96
OFF_TOPIC_CEILING = 0.3
DEMO_DOMAIN_FLOOR = 0.90
DEMO_SECTION_FLOOR = 0.82
DEMO_RULES_SECTION_FLOOR = 0.78
DEMO_LABELS = Path(__file__).with_name("demo_sections.yaml")
DEMO_DOMAINS = {
    "semiconductors": "半导体", "ai": "人工智能", "quantum": "量子技术",
    "cybersecurity": "信息技术", "energy": "能源", "biotech": "生物技术", "space": "航空航天",
}  # fmt: skip
DEMO_SECTIONS = {"policy": "科技政策与科研计划", "research": "前沿研究动态", "industry": "产业动态"}
TAX = load_taxonomy()


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    return load_examples(EVAL_SET, TAX)


@pytest.fixture(scope="module")
def split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    return split_examples(examples, held_out=0.3)


@pytest.fixture(scope="module")
def seed_items() -> list[Item] | None:
    """The seed bulletin's items, or None when the shared folder is not beside the repo."""
    if not SEED.is_file():
        return None
    return parse_bulletin_text(SEED.read_text(encoding="utf-8")).items


@pytest.fixture(scope="module")
def gate_model(split: tuple[list[Example], list[Example]], seed_items: list[Item] | None) -> Model:
    train_part, _ = split
    extra = examples_from_items(seed_items, TAX) if seed_items else []
    return train(train_part + extra)


@pytest.fixture(scope="module")
def held_out_report(gate_model: Model, split: tuple[list[Example], list[Example]]) -> Report:
    return assess(gate_model, split[1], TAX)


@pytest.fixture(scope="module")
def eval_only_model(examples: list[Example]) -> Model:
    return train(examples)


def _is_chinese(example: Example) -> bool:
    return re.search(r"[\u4e00-\u9fff]", example.title) is not None


def test_the_set_covers_languages_domains_sections_and_off_topic(examples: list[Example]) -> None:
    assert len(examples) >= 200
    assert len({e.key for e in examples}) == len(examples)
    domains = Counter(e.domain for e in examples)
    assert domains[IRRELEVANT] >= 30
    assert set(domains) == {*TAX.domain_names, IRRELEVANT}
    assert all(n >= 15 for n in domains.values())
    sections = Counter(e.section for e in examples if e.relevant)
    assert set(sections) == {s.name for s in TAX.predictable_sections}
    assert 0.4 <= sum(map(_is_chinese, examples)) / len(examples) <= 0.6


def test_split_holds_out_about_30_percent_of_every_domain(
    split: tuple[list[Example], list[Example]],
) -> None:
    train_part, held_out = split
    for domain in {*TAX.domain_names, IRRELEVANT}:
        n_train = sum(e.domain == domain for e in train_part)
        n_test = sum(e.domain == domain for e in held_out)
        assert 0.2 <= n_test / (n_train + n_test) <= 0.4, domain


def test_gate_training_includes_the_seed_bulletin(seed_items: list[Item] | None) -> None:
    if seed_items is None:
        pytest.skip(f"seed bulletin not found at {SEED}; the gate trained on the set alone")
    assert len(seed_items) == 13


def test_domain_macro_f1_on_held_out(held_out_report: Report) -> None:
    f1 = held_out_report.domain.macro_f1
    misses = [(m.key, m.expected, m.got) for m in held_out_report.misses if m.task == "domain"]
    assert f1 >= DOMAIN_F1_FLOOR, f"domain macro-F1 {f1:.3f} < {DOMAIN_F1_FLOOR}: {misses}"


def test_section_macro_f1_on_held_out(held_out_report: Report) -> None:
    f1 = held_out_report.section.macro_f1
    misses = [(m.key, m.expected, m.got) for m in held_out_report.misses if m.task == "section"]
    assert f1 >= SECTION_F1_FLOOR, f"section macro-F1 {f1:.3f} < {SECTION_F1_FLOOR}: {misses}"


def test_held_out_off_topic_texts_get_low_relevance(
    gate_model: Model, split: tuple[list[Example], list[Example]]
) -> None:
    off_topic = [e for e in split[1] if not e.relevant]
    results = classify_many([(e.title, e.text) for e in off_topic], model=gate_model)
    high = [(e.key, r.relevance) for e, r in zip(off_topic, results, strict=True)
            if r.relevance >= OFF_TOPIC_CEILING]  # fmt: skip
    assert len(off_topic) >= 10
    assert not high, f"off-topic texts with relevance >= {OFF_TOPIC_CEILING}: {high}"
    assert all(r.domain == IRRELEVANT and r.section is None for r in results)


@pytest.mark.parametrize("with_title", [False, True], ids=["body", "title+body"])
def test_seed_items_get_their_bulletin_domains(
    seed_items: list[Item] | None, eval_only_model: Model, with_title: bool
) -> None:
    if seed_items is None:
        pytest.skip(f"seed bulletin not found at {SEED}")
    pairs = [(i.title if with_title else "", "\n".join(i.body)) for i in seed_items]
    results = classify_many(pairs, model=eval_only_model)
    wrong = [(i.title, i.domain, r.domain) for i, r in zip(seed_items, results, strict=True)
             if r.domain != i.domain]  # fmt: skip
    assert len(seed_items) == 13
    assert not wrong, f"seed items filed under the wrong domain: {wrong}"


def _demo_labels() -> dict[str, str]:
    rows = yaml.safe_load(DEMO_LABELS.read_text(encoding="utf-8"))
    return {row["slug"]: row["section"] for row in rows}


def test_demo_labels_cover_every_article_and_agree_with_its_category() -> None:
    labels = _demo_labels()
    articles = [a for site in load_sites() for a in site.articles]
    assert sorted(labels) == sorted(a.slug for a in articles)
    assert all(labels[a.slug] == DEMO_SECTIONS[a.category] for a in articles)


def test_demo_articles_written_elsewhere(eval_only_model: Model) -> None:
    articles = [a for site in load_sites() for a in site.articles]
    results = classify_many(
        [(a.title, "\n".join(a.paragraphs)) for a in articles], model=eval_only_model
    )
    labels = _demo_labels()
    pairs = list(zip(articles, results, strict=True))
    domains = sum(DEMO_DOMAINS[a.domain] == r.domain for a, r in pairs) / len(pairs)
    sections = sum(labels[a.slug] == r.section for a, r in pairs) / len(pairs)
    assert domains >= DEMO_DOMAIN_FLOOR, f"demo domain accuracy {domains:.3f}"
    assert sections >= DEMO_SECTION_FLOOR, f"demo section accuracy {sections:.3f}"


def test_demo_articles_sections_by_rules_alone() -> None:
    """``kuaibao demo`` trains no model: its stories are filed by the rules alone."""
    articles = [a for site in load_sites() for a in site.articles]
    results = classify_many([(a.title, "\n".join(a.paragraphs)) for a in articles])
    labels = _demo_labels()
    right = sum(labels[a.slug] == r.section for a, r in zip(articles, results, strict=True))
    assert right / len(articles) >= DEMO_RULES_SECTION_FLOOR, f"{right}/{len(articles)}"
