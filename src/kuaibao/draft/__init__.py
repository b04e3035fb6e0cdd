"""Drafting bulletin items from documents.

Two writers share one interface (``model``: ``StoryInput`` → ``Draft``): the offline
writer (``draft.offline``) and the LLM writer (``draft.llm``). ``housestyle`` (faults a
check cannot see) and ``review`` (the fact-check gate) serve both.
"""

from kuaibao.draft.offline.writer import story_published, story_source, write_offline_draft

__all__ = ["story_published", "story_source", "write_offline_draft"]
