"""The offline writer: Chinese drafts from extracted facts, with no model and no network.

``writer`` puts a draft together; the grammar it uses lives beside it — ``reading`` (what
is read of a story), ``clause`` and its ``clause_*`` parts (who did what to what, for how
much), ``actions``, ``names``, ``subject``, ``amounts`` and ``attribution`` (the verbs,
unknown organisations, subjects, sums and cited reports), ``render`` (clauses as Chinese
sentences) and the second-paragraph and key-figure helpers. Its word tables are data:
``terms.yaml`` (the term lexicon), ``verbs.yaml`` and ``nouns.yaml``, read by
``lexicon`` and ``tables``.
"""

from kuaibao.draft.offline.writer import (
    MAX_CHARS,
    WRITER,
    story_published,
    story_source,
    write_offline_draft,
)

__all__ = ["MAX_CHARS", "WRITER", "story_published", "story_source", "write_offline_draft"]
