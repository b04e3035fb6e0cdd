"""A first, transparent guess of domain and section from the taxonomy's keywords.

Counts keyword hits in the title (weighted) and text. The triage stage replaces this with
weighted rules and a learned model; this keeps drafting useful until then.
"""

from __future__ import annotations

from kuaibao.classify.taxonomy import Label, Taxonomy

TITLE_WEIGHT = 3


def _score(label: Label, title: str, text: str) -> int:
    return sum(TITLE_WEIGHT * title.count(k) + text.count(k) for k in label.keywords if k.strip())


def best_label(labels: tuple[Label, ...], title: str, text: str) -> str | None:
    """The label whose keywords occur most (title counts triple); None when nothing hits."""
    padded_title, padded_text = f" {title.lower()} ", f" {text.lower()} "
    scores = [(_score(label, padded_title, padded_text), label.name) for label in labels]
    best = max(scores, default=(0, ""))
    return best[1] if best[0] > 0 else None


def guess_domain(taxonomy: Taxonomy, title: str, text: str) -> str | None:
    return best_label(taxonomy.domains, title, text)


def guess_section(taxonomy: Taxonomy, title: str, text: str) -> str | None:
    return best_label(taxonomy.sections, title, text)
