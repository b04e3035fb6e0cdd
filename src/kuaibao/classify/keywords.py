"""A quick, rules-only guess of domain and section, for drafting without a model.

Thin wrappers over the taxonomy's weighted rules (``explain``); ``classify`` adds the
learned model and relevance on top.
"""

from __future__ import annotations

from kuaibao.classify.explain import explain
from kuaibao.classify.taxonomy import Label, Taxonomy


def best_label(labels: tuple[Label, ...], title: str, text: str) -> str | None:
    """The label whose rules score highest on the text; None when no rule fires."""
    tax = Taxonomy(domains=labels, sections=labels)
    return explain(text, title, tax).best_domain()


def guess_domain(taxonomy: Taxonomy, title: str, text: str) -> str | None:
    """The best domain by rules alone, or None when no domain rule fires."""
    return explain(text, title, taxonomy).best_domain()


def guess_section(taxonomy: Taxonomy, title: str, text: str) -> str | None:
    """The best predictable section by rules alone (never an editorial one like 重点关注)."""
    return explain(text, title, taxonomy).best_section()
