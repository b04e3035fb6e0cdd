"""The second paragraph: further sentences of the lead report said in full, or none."""

from __future__ import annotations

from datetime import date

from kuaibao.domain import Document
from kuaibao.draft.offline.further import further_paragraph
from kuaibao.draft.offline.lexicon import finder_for
from kuaibao.draft.offline.reading import ReadDocument, read_document
from kuaibao.extract.document import content_hash
from kuaibao.facts import check_draft, load_gazetteer

GAZETTEER = load_gazetteer()


def _read(title: str, body: str, country: str = "US") -> tuple[str, ReadDocument]:
    text = f"{title}\n{body}"
    doc = Document(
        url="https://example.org/a",
        canonical_url="https://example.org/a",
        title=title,
        text=text,
        content_hash=content_hash(text),
        language="en",
    )
    return text, read_document(text, doc, finder_for(None), GAZETTEER, date(2026, 7, 1), country)


def _second(title: str, body: str, said: tuple[str, ...] = (), country: str = "US") -> str:
    source, doc = _read(title, body, country)

    def supported(text: str) -> bool:
        return check_draft(source, text, gazetteer=GAZETTEER).ok

    return further_paragraph(doc.sentences, doc.sentences[0], None, None, said, set(), supported)


def test_founding_funding_and_journal_sentences_are_said_in_source_order() -> None:
    body = (
        "Engineers at KAIST have developed a membrane. "
        "The membrane kept its performance, the researchers wrote in Science Advances. "
        "The project was funded by the National Research Foundation of Korea."
    )
    assert _second("KAIST membrane", body, country="KR") == (
        "相关成果发表于《科学·进展》。该项目由韩国研究财团资助。"
    )
    deal = (
        "IonQ agreed to acquire Oxford Ionics, a start-up, for $1 billion. "
        "Oxford Ionics, founded in 2019 by researchers from the University of Oxford, makes chips."
    )
    assert _second("IonQ to buy Oxford Ionics", deal) == (
        "美国Oxford Ionics公司由牛津大学研究人员于2019年创立。"
    )


def test_a_journal_the_lead_already_names_is_not_repeated() -> None:
    body = "Engineers at KAIST built a membrane. The team wrote in Science Advances."
    said = ("2026年7月1日，韩国科学技术院研究人员在《科学·进展》发表论文。",)
    assert _second("KAIST membrane", body, said, country="KR") == ""


def test_a_verb_far_from_its_subject_or_object_is_not_credited() -> None:
    """ "IonQ has made acquisitions …, as it tries to build …" is not IonQ building; "fund
    200 doctoral researchers a year in wireless communications" is not funding a field."""
    body = (
        "IonQ agreed to acquire Oxford Ionics. "
        "IonQ has made several acquisitions in the past year, including companies in quantum "
        "networking, as it tries to build a broader quantum business. "
        "The ministry will also fund 200 doctoral researchers a year in wireless communications."
    )
    assert _second("IonQ deal", body) == ""


def test_a_sentence_the_check_rejects_is_left_out() -> None:
    _source, doc = _read(
        "KAIST membrane",
        "Engineers at KAIST built a membrane. The project was funded by the "
        "National Research Foundation of Korea.",
        "KR",
    )
    assert further_paragraph(doc.sentences, None, None, None, (), set(), lambda t: False) == ""
    kept = further_paragraph(doc.sentences, None, None, None, (), set(), lambda t: True)
    assert kept.endswith("该项目由韩国研究财团资助。")
