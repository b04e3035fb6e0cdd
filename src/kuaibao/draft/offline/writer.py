"""The offline writer: a Chinese draft built only from facts extracted from the story.

It needs no model and no network. It reads the lead report's title and leading sentences
into clauses (actor, action, amount, object), names the actor by the gazetteer's standard
Chinese name (or, for an organisation the gazetteer lacks, the source's own spelling), the
object by a gazetteer programme or law or by the term lexicon, and prints amounts and
dates in house style. The headline is the first of: the title's own clause, the lead's,
a thing as subject ("发射价格下降18%"), a research result credited to its institution, and
only then ``……相关动态``. Chinese reports keep their own leading sentences. Before
returning, the draft is put through ``check_draft`` against the text the writer read
(``story_source``, with ``story_published``); a part the check does not back is dropped,
so a machine draft never states a figure, date or organisation its sources do not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from kuaibao import phrases
from kuaibao.draft.housestyle import style_faults
from kuaibao.draft.model import Draft, StoryInput, story_published
from kuaibao.draft.offline.actions import REPORT
from kuaibao.draft.offline.chinese import clean_title, first_clause, leading_paragraphs
from kuaibao.draft.offline.clause import Actor, Clause, Sentence, build_clause
from kuaibao.draft.offline.figures import further_sentences, other_organisations
from kuaibao.draft.offline.fullnames import country_zh
from kuaibao.draft.offline.further import further_paragraph
from kuaibao.draft.offline.keyfigure import (
    MONEY,
    PERCENT,
    carries,
    first_paragraph,
    key_figure,
    share_headline,
    share_phrase,
    with_count,
)
from kuaibao.draft.offline.keysentences import key_sentences
from kuaibao.draft.offline.lexicon import finder_for
from kuaibao.draft.offline.parts import TEAM
from kuaibao.draft.offline.reading import (
    MAX_CHARS,
    ReadDocument,
    read_document,
    source_texts,
    story_source,
)
from kuaibao.draft.offline.render import (
    TITLE_MAX,
    render_full,
    render_other,
    render_related,
    render_sentence,
    render_title,
    width,
)
from kuaibao.draft.offline.subject import RESEARCHERS, developer, research_team
from kuaibao.draft.offline.zh_form import BULLETIN_MAX, FOCUS, FOCUS_MAX, bulletin_form
from kuaibao.facts.check import check_draft
from kuaibao.facts.gazetteer import Gazetteer
from kuaibao.facts.model import DateFact
from kuaibao.text.scripts import has_han
from kuaibao.text.zh_dates import format_date_zh

__all__ = ["MAX_CHARS", "WRITER", "story_published", "story_source", "write_offline_draft"]

WRITER = "offline"
LEAD_SCAN = 5  # sentences searched for the lead
TEAM_SCAN = 6  # sentences searched for the institution behind a research result
DATE_SCAN = 3  # sentences searched for the event date
POSITION_COST = 1.25  # a later sentence must say clearly more to lead
NO_TITLE = "（无标题）"
_TODAY_RE = re.compile(r"(?i)\btoday\b|今天|今日")
_RESEARCH_CUE_RE = re.compile(
    r"(?i)\b(?:published in|reported|journal|paper|preprint|trial|conference|researchers|"
    r"scientists|study)\b"
)


def _lead_score(clause: Clause) -> int:
    said = render_sentence(clause, set(), degrade=False)
    if said and clause.actor is not None and not clause.passive:
        return 4
    if said:
        return 3
    if clause.verb and (clause.amount or clause.obj):
        return 2
    return 1 if (clause.actor or clause.amount or clause.obj) else 0


def _lead(doc: ReadDocument, team: Actor | None = None) -> tuple[Sentence | None, Clause]:
    """The sentence that best says who did what, earlier ones preferred, and its clause."""
    best: tuple[float, Sentence | None, Clause] = (-1.0, None, Clause())
    for index, sentence in enumerate(doc.sentences[:LEAD_SCAN]):
        clause = build_clause(sentence, team=team)
        score = _lead_score(clause) - POSITION_COST * index
        if score > best[0]:
            best = (score, sentence, clause)
    return best[1], best[2]


@dataclass(frozen=True)
class _When:
    iso: str
    zh: str
    from_publication: bool


def _dated(fact: DateFact, published: date | None) -> bool:
    """A full enough date that is not in the future of the report (targets are not events)."""
    if fact.year is None or fact.month is None:
        return False
    if published is None:
        return True
    return (fact.year, fact.month, fact.day or 1) <= (
        published.year,
        published.month,
        published.day,
    )


def _when(doc: ReadDocument, lead: Sentence | None, published: date | None) -> _When | None:
    """The event date from the text, else the lead's publication date (marked 消息)."""
    if lead is not None and published is not None and _TODAY_RE.search(lead.words):
        return _When(published.isoformat(), format_date_zh(published), False)
    scan = [s for s in (lead, doc.title, *doc.sentences[:DATE_SCAN]) if s is not None]
    for sentence in scan:
        for fact in sentence.facts.dates:
            if _dated(fact, published):
                return _When(fact.iso, fact.zh, False)
    if published is not None:
        return _When(published.isoformat(), format_date_zh(published), True)
    return None


def _date_prefix(when: _When | None) -> str:
    if when is None:
        return ""
    return f"{when.zh}消息，" if when.from_publication else f"{when.zh}，"


def _topic(title: Sentence | None, title_clause: Clause, lead: Sentence | None) -> str:
    """What a research story is about: the headline's subject or object, else a term."""
    if title_clause.subject or title_clause.obj:
        return title_clause.subject or title_clause.obj
    for sentence in (title, lead):
        if sentence is not None and sentence.terms:
            return sentence.terms[0].zh
    return ""


def _research(
    lead: Sentence | None,
    team: Actor | None,
    topic: str,
    clause: Clause,
    researchers_default: Actor = RESEARCHERS,
) -> Clause | None:
    """``X研究人员发布……研究成果`` for a result story whose lead names no actor."""
    researchers = clause.actor is not None and clause.actor.full.endswith(TEAM)
    if lead is None or not topic or (clause.actor is not None and not researchers):
        return None
    if team is None and not researchers and not _RESEARCH_CUE_RE.search(lead.words):
        return None
    actor = clause.actor if researchers else team
    return Clause(actor=actor or researchers_default, verb="发布", kind=REPORT, obj=topic)


def _city_named(title: Clause, lead: Clause) -> Clause:
    """ "Seoul sets out …": a headline's capital city stands for the actor the lead names."""
    actor = title.actor
    city = actor is not None and len(actor.keys) == 1 and len(actor.keys[0]) > 2
    if city and actor is not None and actor.keys[0].isupper() and lead.actor is not None:
        return replace(title, actor=lead.actor)
    return title


def _title(candidates: Sequence[tuple[Callable[[Clause], str], Clause]], fallback: Clause) -> str:
    """The first headline that fits, else the first at all, else 相关动态."""
    first = ""
    for render, clause in candidates:
        text = render(clause)
        if text and width(text) <= TITLE_MAX:
            return text
        first = first or text
    return first or render_related(fallback)


def _home_researchers(country: str | None) -> Actor | None:
    """研究人员 with the source's country (瑞典研究人员), for a result no institution is
    credited with; None when the country is not known."""
    zh = country_zh(country)
    return Actor(zh + TEAM, zh + TEAM, ("researchers",)) if zh else None


def _english_draft(
    docs: Sequence[ReadDocument],
    published: date | None,
    supported: Callable[[str], bool],
    country: str | None = None,
) -> tuple[str, list[str], _When | None, set[str]]:
    """Title, body (the lead, then a second paragraph of what else can be said in full),
    date and the names mentioned; ``country`` is the lead's source's, ``supported`` the
    fact check a sentence of the second paragraph must pass."""
    lead_doc = docs[0]
    team = research_team(lead_doc.sentences[:TEAM_SCAN])
    home = _home_researchers(country)
    lead, lead_clause = _lead(lead_doc, team or home)
    title_clause = Clause()
    if lead_doc.title:
        title_clause = _city_named(
            build_clause(lead_doc.title, team=team or home, headline=True), lead_clause
        )
    if title_clause.venue is not None and title_clause.venue.keys == ("parliament",):
        title_clause = replace(title_clause, venue=lead_clause.venue or title_clause.venue)
    topic = _topic(lead_doc.title, title_clause, lead)
    if lead_clause.kind == REPORT and topic:
        lead_clause = replace(lead_clause, obj=topic)
    when = _when(lead_doc, lead, published)
    clause = lead_clause.merged(title_clause) if lead is not None else title_clause
    maker = developer(lead_doc.sentences[:TEAM_SCAN], clause.subject) if clause.subject else None
    if maker is not None and clause.actor is None:
        clause = replace(clause, subject=f"{maker.full}研发的{clause.subject}")
    mentioned: set[str] = set()
    sentence = render_sentence(clause, mentioned, degrade=False)
    research = None if sentence else _research(lead, team, topic, clause, home or RESEARCHERS)
    if research is not None:
        clause, sentence = research, render_sentence(research, mentioned, degrade=False)
    merged = title_clause.merged(lead_clause)
    candidates: list[tuple[Callable[[Clause], str], Clause]] = [
        (render_full, merged if title_clause.verb else title_clause),
        (render_other, title_clause),
        (render_full, lead_clause),
        (render_full, merged),
        (render_other, lead_clause),
    ]
    if research is not None:
        candidates.append((render_full, research))
    title = _title(candidates, replace(merged, obj=merged.obj or topic))
    body = [_date_prefix(when) + sentence + "。"] if sentence else []
    title, body = _key_figure_led(lead_doc, team or home, title, body, mentioned, supported)
    if body and repeats(title, body[0]):
        body = [_fuller_lead(lead_doc, lead, team or home, body[0], mentioned), *body[1:]]
    if not body:  # nothing said in full: a title only, and a note saying so
        return title, [], when, mentioned
    amount = clause.amount
    stated = amount.facts if amount is not None and amount.zh in sentence else ()
    second = further_paragraph(
        lead_doc.sentences, lead, clause.actor, team or home, [title, *body], mentioned, supported
    )
    sums = further_sentences(
        docs, lead, clause, [(m.currency, m.amount) for m in stated], mentioned
    )
    for extra in sums:
        if _bare(extra) not in _bare(second) and supported(extra):
            second += extra
    return title, [*body, second] if second else body, when, mentioned


def repeats(title: str, lead: str) -> bool:
    """True when the lead says nothing beyond the title: the same words after its date."""
    said = re.sub(r"^[^，]*(?:年|月|日)(?:消息)?，", "", lead).rstrip("。")
    return _bare(said) == _bare(title)


def _bare(text: str) -> str:
    return re.sub(r"[\s，。、；：“”《》（）()]", "", text)


def _fuller_lead(
    doc: ReadDocument, lead: Sentence | None, team: Actor | None, text: str, mentioned: set[str]
) -> str:
    """The lead with the next full clause (who did what) of the report's first sentences
    added, so that it says more than the title; unchanged when they hold none."""
    for sentence in doc.sentences[:LEAD_SCAN]:
        if sentence is lead:
            continue
        clause = build_clause(sentence, team=team)
        if clause.actor is None:
            continue
        said = render_sentence(clause, set(mentioned), degrade=False)
        if said and _bare(said) not in _bare(text):
            return text + render_sentence(clause, mentioned, degrade=False) + "。"
    return text


def _key_figure_led(
    doc: ReadDocument,
    team: Actor | None,
    title: str,
    body: list[str],
    mentioned: set[str],
    supported: Callable[[str], bool] = lambda text: True,
) -> tuple[str, list[str]]:
    """Title and body with the story's key figure in the title or the lead: a count put
    before what it counts, a share said of what it is a share of (``，可清除99.9%的盐分``),
    or the clause of the sentence holding a sum added to the lead."""
    figure = key_figure(doc.title, first_paragraph(doc.sentences))
    lead = body[0] if body else ""
    if figure is None or carries(title + "\n" + lead, figure):
        return title, body
    counted_title, counted_lead = with_count(title, figure), with_count(lead, figure)
    if counted_title != title or counted_lead != lead:
        return counted_title, [counted_lead, *body[1:]] if body else body
    headline = share_headline(doc.title, figure) if doc.title is not None else ""
    if headline and supported(headline):
        title = headline
        if carries(lead, figure):
            return title, body
    if figure.kind == PERCENT and body:
        for sentence in [*([doc.title] if doc.title else []), *first_paragraph(doc.sentences)]:
            share = share_phrase(sentence, figure)
            if share and supported(share):
                return title, [lead.removesuffix("。") + "，" + share + "。", *body[1:]]
    if figure.kind != MONEY or not body:
        return title, body
    for sentence in [*first_paragraph(doc.sentences), *([doc.title] if doc.title else [])]:
        clause = build_clause(sentence, team=team)
        said = render_sentence(clause, set(mentioned), degrade=False)
        if said and carries(said, figure):
            said = render_sentence(clause, mentioned, degrade=False)
            return title, [lead + said + "。", *body[1:]]
    return title, body


def _chinese_draft(
    docs: Sequence[ReadDocument],
    title: str,
    published: date | None,
    region: str | None,
    section: str = "",
) -> tuple[str, list[str], _When | None]:
    """The report's own headline and leading paragraphs, already Chinese, in bulletin form
    (the province for 我省, dates with their year, 近日 as a date), as many whole
    paragraphs as the section's length allows (重点关注 items run longer)."""
    lead_doc = docs[0]
    lead, lead_clause = _lead(lead_doc)
    when = _when(lead_doc, lead, published)
    headline = clean_title(title) if has_han(title) else ""
    if not headline and lead is not None:
        headline = first_clause(lead.words)
    if not headline:
        title_clause = build_clause(lead_doc.title) if lead_doc.title else Clause()
        headline = render_title(title_clause.merged(lead_clause))
    limit = FOCUS_MAX if section == FOCUS else BULLETIN_MAX
    headline, body = bulletin_form(
        headline, leading_paragraphs(lead_doc.body), region, published, limit
    )
    return headline, body, when


def _verified(
    title: str,
    body: list[str],
    fallback: str,
    source: str,
    published: date | None,
    gazetteer: Gazetteer,
) -> tuple[str, list[str]]:
    """The draft without any part ``check_draft`` finds a fact in that the source lacks."""
    for _ in range(3):
        parts = [title, *body]
        result = check_draft(source, "\n".join(parts), published=published, gazetteer=gazetteer)
        if result.ok:
            return title, body
        bad: set[int] = set()
        offset = 0
        for index, part in enumerate(parts):
            end = offset + len(part)
            if any(offset <= u.start < end + 1 for u in result.unsupported):
                bad.add(index)
            offset = end + 1
        title = fallback if 0 in bad else title
        body = [p for i, p in enumerate(body, start=1) if i not in bad]
    return fallback, []


def write_offline_draft(
    story: StoryInput, *, gazetteer: Gazetteer, glossary: Mapping[str, str] | None = None
) -> Draft:
    """A Chinese draft of ``story`` from its extracted facts; deterministic, no I/O.

    ``glossary`` (English → Chinese) extends the packaged term lexicon. The draft passes
    ``check_draft(story_source(story), …, published=story_published(story))``.
    """
    documents = list(story.documents)
    published = story_published(story)
    reference = story.reference or published
    finder = finder_for(glossary)
    texts = source_texts(story)
    docs = [
        read_document(t, d, finder, gazetteer, reference, story.source(i).country)
        for i, (t, d) in enumerate(zip(texts, documents, strict=False))
    ]
    lead = documents[0]
    original = lead.title.strip()
    source = story_source(story)

    def supported(text: str) -> bool:
        return check_draft(source, text, published=published, gazetteer=gazetteer).ok

    notes: list[str] = []
    if docs[0].chinese:
        title, body, when = _chinese_draft(
            docs, original, published, story.source(0).region, story.section
        )
        mentioned: set[str] = set()
    else:
        title, body, when, mentioned = _english_draft(
            docs, published, supported, story.source(0).country
        )
        if not body:
            notes.append(phrases.OFFLINE_TITLE_ONLY())
    others = other_organisations(docs, mentioned) if not docs[0].chinese else []
    if others:
        notes.append(phrases.OFFLINE_ORGS(names="、".join(others)))
    title, body = _verified(
        title or original or NO_TITLE,
        body,
        original or NO_TITLE,
        source,
        published,
        gazetteer,
    )
    faults = style_faults("\n".join([title, *body]))
    if faults:
        notes.append(phrases.STYLE_FAULTS(faults="、".join(dict.fromkeys(f.text for f in faults))))
    return Draft(
        title=title,
        body=body,
        domain=story.domain,
        section=story.section,
        source_urls=list(
            dict.fromkeys(d.canonical_url or d.url for d in documents if d.canonical_url or d.url)
        ),
        original_title=original or None,
        event_date=when.iso if when else None,
        document_ids=list(dict.fromkeys(d.id for d in documents if d.id is not None)),
        writer=WRITER,
        key_sentences=key_sentences(docs),
        writer_notes=notes,
    )
