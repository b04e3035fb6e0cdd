"""Drafting bulletin items from documents."""

from kuaibao.draft.offline import story_published, story_source, write_offline_draft

__all__ = ["story_published", "story_source", "write_offline_draft"]
