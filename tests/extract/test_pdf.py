"""extract_pdf on PDFs built byte by byte: text, metadata, caps and refusals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kuaibao.errors import ExtractionError
from kuaibao.extract import pdf as pdf_module
from kuaibao.extract.extracted import Extracted
from kuaibao.extract.pdf import extract_pdf
from tests.extract.pdfs import encrypt, make_pdf

URL = "https://think.example.org/reports/quantum.pdf"
PAGE_ONE = [
    "Quantum Technology Outlook 2025",
    "This report reviews superconducting and trapped-ion processors.",
]
PAGE_TWO = ["Funding (public and private) rose sharply in the last two years."]
INFO = {"Title": "Quantum Outlook", "Author": "Jane Doe", "CreationDate": "D:20250102030405Z"}


def test_reads_text_of_all_pages_and_metadata() -> None:
    result = extract_pdf(make_pdf([PAGE_ONE, PAGE_TWO], info=INFO), URL)
    assert result.text.split("\n") == [*PAGE_ONE, *PAGE_TWO]
    assert result.title == "Quantum Outlook"
    assert result.author == "Jane Doe"
    assert result.published_at == datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert result.canonical_url is None


@pytest.mark.parametrize(
    "info",
    [
        None,
        {"Title": "Microsoft Word - draft3.docx"},
        {"Title": "report_final.pdf"},
        {"Title": " "},
    ],
)
def test_title_falls_back_to_first_line(info: dict[str, str] | None) -> None:
    assert extract_pdf(make_pdf([PAGE_ONE], info=info), URL).title == PAGE_ONE[0]


def test_empty_user_password_is_opened() -> None:
    locked = encrypt(make_pdf([PAGE_ONE], info=INFO), user_password="")
    assert extract_pdf(locked, URL).text.split("\n") == PAGE_ONE


def test_real_password_is_refused() -> None:
    locked = encrypt(make_pdf([PAGE_ONE]), user_password="secret")
    with pytest.raises(ExtractionError, match="encrypted") as caught:
        extract_pdf(locked, URL)
    assert caught.value.reason == "encrypted"


@pytest.mark.parametrize(
    "body",
    [b"%PDF-1.4\n garbage that is not a pdf", b"\x00\x01\x02" * 100, b"<html>not a pdf</html>"],
)
def test_corrupt_pdf_is_refused(body: bytes) -> None:
    with pytest.raises(ExtractionError, match="corrupt") as caught:
        extract_pdf(body, URL)
    assert caught.value.reason == "corrupt"


def test_truncated_pdf_is_refused_or_read_but_never_crashes() -> None:
    whole = make_pdf([PAGE_ONE, PAGE_TWO])
    for cut in (20, len(whole) // 3, len(whole) // 2, len(whole) - 40):
        outcome = _outcome(whole[:cut])
        if isinstance(outcome, ExtractionError):
            assert outcome.reason in ("corrupt", "too_short")
        else:
            assert outcome.text


def _outcome(body: bytes) -> Extracted | ExtractionError:
    """The result or the ExtractionError; any other exception propagates and fails."""
    try:
        return extract_pdf(body, URL)
    except ExtractionError as exc:
        return exc


def test_empty_body_is_refused() -> None:
    with pytest.raises(ExtractionError, match="empty"):
        extract_pdf(b"", URL)


def test_pdf_without_text_is_too_short() -> None:
    with pytest.raises(ExtractionError, match=r"text too short: 0 chars") as caught:
        extract_pdf(make_pdf([[]]), URL)
    assert caught.value.reason == "too_short"


def test_pages_and_characters_are_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module, "MAX_PAGES", 2)
    pages = [[f"Page number {n} of a long annex with many tables."] for n in range(5)]
    text = extract_pdf(make_pdf(pages), URL).text
    assert "Page number 1" in text
    assert "Page number 2" not in text
    monkeypatch.setattr(pdf_module, "MAX_CHARS", 60)
    assert len(extract_pdf(make_pdf(pages), URL).text) == 60
