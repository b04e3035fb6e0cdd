"""What the item editor accepts, and the changes it makes: save, submit, approve, redraft.

Two people editing one item never overwrite each other silently: every change carries the
version the editor was opened at, and the store refuses one based on an older version.
The changes go through the same library calls as ``kuaibao items`` (``workflow.items``,
``pipeline.drafting.redraft_item``), so the web and the command line follow one workflow;
this module only turns a request into their arguments.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from kuaibao.domain import Item
from kuaibao.errors import ReviewError
from kuaibao.facts import CheckResult
from kuaibao.pipeline.drafting import DraftOutcome, redraft_item
from kuaibao.store import Store
from kuaibao.web.core.state import AppState, utcnow
from kuaibao.web.items.editing import (
    MAX_BODY,
    MAX_LINE,
    MAX_TITLE,
    EditRejectedError,
    ItemFields,
    body_text,
    names,
    paragraphs,
    url_lines,
    validate,
)
from kuaibao.workflow.items import approve, edit, submit

MAX_VERSION = 2_147_483_647

Line = Annotated[str, StringConstraints(max_length=MAX_LINE, pattern=r"^[^\x00-\x1f\x7f]*$")]
Paragraph = Annotated[
    str, StringConstraints(max_length=MAX_BODY, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$")
]
HttpUrlText = Annotated[
    str,
    StringConstraints(
        max_length=MAX_LINE,
        pattern=r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^\x00-\x20/?#]+[^\x00-\x1f\x7f]*$",
    ),
]
Version = Annotated[
    int, Field(ge=1, le=MAX_VERSION, description="The version the edit is based on")
]


class CheckIn(BaseModel):
    """The text to check, as typed (it need not be saved)."""

    title: Annotated[str, StringConstraints(max_length=MAX_TITLE * 2)]
    body: Paragraph | list[Paragraph] = Field(description="Text, or paragraphs (joined by \\n)")


class ItemEdit(BaseModel):
    """A change; fields left out keep their value. ``null`` clears an optional field."""

    version: Version
    title: Annotated[str, StringConstraints(max_length=MAX_TITLE * 2)] | None = None
    body: list[Paragraph] | None = Field(None, max_length=500)
    domain: Line | None = None
    section: Line | None = None
    contributors: list[Line] | None = Field(None, max_length=200)
    source_urls: list[HttpUrlText] | None = Field(None, max_length=200)
    original_title: Line | None = None
    event_date: (
        Annotated[str, StringConstraints(max_length=10, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")]
        | None
    ) = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD; empty or null clears it")


class VersionIn(BaseModel):
    version: Version


class ApproveIn(BaseModel):
    version: Version | None = None
    override: Line | None = Field(
        None, description="Approve over a failing fact check; the reason goes into history"
    )


class RedraftIn(BaseModel):
    version: Version
    llm: bool = Field(False, description="Use the configured LLM writer (else offline)")


class EditorForm(BaseModel):
    """The editor form as posted (and as shown again when a save is refused)."""

    version: int = Field(ge=1, le=MAX_VERSION)
    title: str = Field("", max_length=MAX_TITLE * 2)
    body: str = Field("", max_length=MAX_BODY * 2)
    domain: str = Field("", max_length=MAX_LINE)
    section: str = Field("", max_length=MAX_LINE)
    contributors: str = Field("", max_length=MAX_LINE * 20)
    source_urls: str = Field("", max_length=MAX_LINE * 50)
    original_title: str = Field("", max_length=MAX_LINE * 2)
    event_date: str = Field("", max_length=40)

    @classmethod
    def of(cls, item: Item) -> EditorForm:
        return cls(
            version=item.version,
            title=item.title,
            body=body_text(item.body),
            domain=item.domain or "",
            section=item.section or "",
            contributors="、".join(item.contributors),
            source_urls="\n".join(item.source_urls),
            original_title=item.original_title or "",
            event_date=item.event_date or "",
        )

    def fields(self) -> ItemFields:
        return ItemFields(
            title=self.title,
            body=paragraphs(self.body),
            domain=self.domain.strip() or None,
            section=self.section.strip() or None,
            contributors=names(self.contributors),
            source_urls=url_lines(self.source_urls),
            original_title=self.original_title,
            event_date=self.event_date,
        )


# ------------------------------------------------------------------- library calls


def save_edit(
    state: AppState,
    item_id: int,
    version: int,
    change: ItemFields,
    *,
    editor: str,
    note: str | None = None,
) -> tuple[Item, bool]:
    """Save ``change`` made on ``version``; (item, False) when nothing changed.

    ConflictError when someone saved since. A published item is frozen; an approved one
    that changes goes back to review, since its approval was for other text. ``note``
    says how the text changed (an accepted rewrite); plain edits say "edited".
    """
    labels = state.context.catalogs.taxonomy()

    def changed(item: Item) -> Item | None:
        clean = validate(
            change,
            domains=[*labels.domain_names, item.domain, None],
            sections=[*labels.section_names, item.section, None],
        )
        return None if clean == ItemFields.of(item) else clean.apply(item)

    try:
        return edit(state.store, item_id, version, changed, now=utcnow(), editor=editor, note=note)
    except ReviewError as exc:  # a published item: the form says why, nothing is saved
        raise EditRejectedError(str(exc)) from exc


def submit_at(store: Store, item_id: int, version: int, *, editor: str) -> Item:
    """Submit the version the analyst saw (an item changed since is a conflict)."""
    return submit(store, item_id, now=utcnow(), editor=editor, version=version)


def approve_at(
    state: AppState, item_id: int, version: int | None, override: str | None, *, editor: str
) -> tuple[Item, CheckResult | None]:
    return approve(
        state.store,
        item_id,
        now=utcnow(),
        editor=editor,
        gazetteer=state.context.catalogs.named_gazetteer(),
        override=override,
        version=version,
    )


def redraft(state: AppState, item_id: int, version: int, *, llm: bool, editor: str) -> DraftOutcome:
    store = state.store
    return redraft_item(
        store,
        item_id,
        version=version,
        settings=state.settings,
        taxonomy=state.context.catalogs.taxonomy(),
        gazetteer=state.context.catalogs.named_gazetteer(),
        glossary=dict(store.glossary.all()),
        now=utcnow(),
        use_llm=llm,
        editor=editor,
    )
