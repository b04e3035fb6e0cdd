"""Stories in the store: the triage decision, and the one item drafted from a story.

One copy of the decision for every face (``kuaibao triage accept|reject|relabel``, the
triage page, its JSON twin): labels are checked against the taxonomy, the lead report is
kept with the decision as a training label, and the state follows
``workflow.transitions.STORY_TRANSITIONS``. Drafting stores the item and links it to its
story in one transaction, and a story keeps one item: a second draft is refused before
anything is written and again, race-proof, when it would be linked, so no item is ever
left without the story that points to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kuaibao.classify.taxonomy import Taxonomy
from kuaibao.domain import Item, Story, TriageAction, TriageDecision
from kuaibao.errors import ConflictError, KuaibaoError
from kuaibao.store import Store
from kuaibao.workflow.transitions import StoryStep, story_next_state

DECISION_TEXT = 4_000  # characters of the lead report kept with a decision


@dataclass(frozen=True)
class Decision:
    """An analyst's decision: ``domain`` and ``section`` are taxonomy names or aliases."""

    action: TriageAction
    domain: str | None = None
    section: str | None = None
    user: str | None = None


def _label(found: str | None, given: str, kind: str, known: list[str]) -> str:
    if found is None:
        raise KuaibaoError(f"unknown {kind} {given!r}; known: {', '.join(known)}")
    return found


def decide(
    store: Store, taxonomy: Taxonomy, story_id: int, decision: Decision, *, now: datetime
) -> Story:
    """Record the decision (a training label for the classifier) and apply it.

    NotFoundError for a missing story (whatever the labels); KuaibaoError for an unknown
    label or a relabelling that names neither a domain nor a section. A rejection keeps
    the story's labels, so labels given with it are not checked.
    """
    with store.transaction():
        story = store.stories.get(story_id)
        domain = section = None
        if decision.action is not TriageAction.REJECT:
            if decision.domain is not None:
                domain = _label(
                    taxonomy.domain(decision.domain), decision.domain, "domain",
                    taxonomy.domain_names,
                )  # fmt: skip
            if decision.section is not None:
                section = _label(
                    taxonomy.section(decision.section), decision.section, "section",
                    taxonomy.section_names,
                )  # fmt: skip
        if decision.action is TriageAction.RELABEL and domain is None and section is None:
            raise KuaibaoError("relabelling needs a domain and/or a section")
        story_next_state(story_id, story.state, StoryStep(decision.action.value))
        lead = store.documents.get(story.lead_document_id) if story.lead_document_id else None
        return store.stories.decide(
            TriageDecision(
                story_id=story_id,
                action=decision.action,
                title=lead.title if lead else story.title,
                text=lead.text[:DECISION_TEXT] if lead else "",
                domain=domain,
                section=section,
                user=decision.user,
            ),
            now=now,
        )


def refuse_second_item(story: Story) -> None:
    """A story keeps one item: ConflictError, before any writing, when it has one."""
    if story.item_id is not None:
        raise ConflictError(f"story {story.id} already has item {story.item_id}")


def add_draft(store: Store, story_id: int, item: Item, *, now: datetime, editor: str) -> Item:
    """Store the item drafted from a story and link the story to it, in one transaction.

    ConflictError when the story has an item by then (someone drafted it meanwhile): the
    new item is not stored, so nothing is orphaned.
    """
    with store.transaction():
        story = store.stories.get(story_id)
        refuse_second_item(story)
        state = story_next_state(story_id, story.state, StoryStep.DRAFT)
        stored = store.items.add(item, now=now, editor=editor)
        assert stored.id is not None
        store.stories.link_item(story_id, stored.id, now=now, state=state)
        return stored
