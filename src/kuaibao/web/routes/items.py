"""Items: the work list and the editor (edit, live fact check, redraft, submit, approve).

Two people editing one item never overwrite each other silently: every save carries the
version the editor was opened at, and the store refuses a save based on an older one. The
page then shows the other person's text beside the user's own, which stays in the form;
the JSON API answers 409 with the current item. The fact check that gates approval also
runs as the analyst types (htmx posts the form to ``/items/{id}/check``) and marks the
unsupported numbers, dates and names in the draft.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query
from markupsafe import Markup
from pydantic import BaseModel, Field, StringConstraints
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from kuaibao.classify.taxonomy import Taxonomy, load_taxonomy
from kuaibao.domain import Item, ItemState, Role
from kuaibao.draft.review import approve, check_item, submit
from kuaibao.errors import ConflictError, KuaibaoError, ReviewError, StoreError
from kuaibao.facts import CheckResult, Gazetteer, load_gazetteer
from kuaibao.facts.glossary import gazetteer_with_glossary
from kuaibao.pipeline.drafting import DraftOutcome, redraft_item
from kuaibao.store import Store
from kuaibao.web.auth.roles import AnalystUser, EditorUser, Principal
from kuaibao.web.deps import StateDep, StoreDep
from kuaibao.web.item_editing import (
    MAX_BODY,
    MAX_LINE,
    MAX_TITLE,
    EditRejectedError,
    ItemFields,
    body_text,
    highlight,
    names,
    normalise_newlines,
    paragraphs,
    split_marks,
    url_lines,
    validate,
)
from kuaibao.web.schemas import Id, Label, errors
from kuaibao.web.state import AppState, utcnow
from kuaibao.web.templating import render

router = APIRouter()

PAGE_SIZE = 50
MAX_OFFSET = 1_000_000
MAX_VERSION = 2_147_483_647
DONE = ("saved", "unchanged", "submitted", "approved", "redrafted")
EDITED_AFTER_APPROVAL = "edited after approval; needs approval again"

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


# ---------------------------------------------------------------------------- models


class ItemSummary(BaseModel):
    """One row of the work list. ``title`` may come from crawled text: treat as untrusted."""

    id: int
    title: str
    state: ItemState
    domain: str | None
    section: str | None
    version: int
    contributors: list[str]
    updated_at: datetime | None


class ItemList(BaseModel):
    items: list[ItemSummary]
    state: ItemState | None
    domain: str | None
    offset: int
    limit: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last")


class ItemOut(BaseModel):
    """An item with everything the editor shows; ``body`` holds the paragraphs in order."""

    id: int
    title: str
    body: list[str]
    domain: str | None
    section: str | None
    contributors: list[str]
    source_urls: list[str]
    original_title: str | None
    event_date: str | None = Field(description="ISO at the text's precision: 2024, 2024-03 …")
    state: ItemState
    version: int
    created_at: datetime | None
    updated_at: datetime | None
    document_ids: list[int]
    notes: list[str] = Field(description="Analyst notes (key sentences, check findings)")

    @classmethod
    def of(cls, item: Item) -> ItemOut:
        return cls(
            id=item.id or 0,
            title=item.title,
            body=list(item.body),
            domain=item.domain,
            section=item.section,
            contributors=list(item.contributors),
            source_urls=list(item.source_urls),
            original_title=item.original_title,
            event_date=item.event_date,
            state=item.state,
            version=item.version,
            created_at=item.created_at,
            updated_at=item.updated_at,
            document_ids=list(item.document_ids),
            notes=list(item.notes),
        )


class FactOut(BaseModel):
    """A fact of the draft its sources do not back; ``start``/``end`` count characters of
    ``title + "\\n" + body`` (body as sent; a list of paragraphs joined by newlines)."""

    text: str
    start: int
    end: int
    kind: str = Field(description="money, date, percentage, organisation or number")


class CheckOut(BaseModel):
    ok: bool
    checked: bool = Field(description="False when the item has no source documents")
    unsupported: list[FactOut]

    @classmethod
    def of(cls, result: CheckResult | None) -> CheckOut:
        if result is None:
            return cls(ok=True, checked=False, unsupported=[])
        found = [
            FactOut(text=u.text, start=u.start, end=u.end, kind=u.kind) for u in result.unsupported
        ]
        return cls(ok=result.ok, checked=True, unsupported=found)


class CheckIn(BaseModel):
    """The text to check, as typed (it need not be saved)."""

    title: Annotated[str, StringConstraints(max_length=MAX_TITLE * 2)]
    body: Paragraph | list[Paragraph] = Field(description="Text, or paragraphs (joined by \\n)")


class SourceLink(BaseModel):
    """A source URL of the item (untrusted) and the title of its stored document, if any."""

    url: str
    title: str | None


class Revision(BaseModel):
    version: int
    at: datetime
    editor: str | None
    note: str | None
    fields: dict[str, Any] = Field(description="The editable fields as saved")


class ItemDetail(BaseModel):
    """The editor's content: the item, its sources, the check of its text, its history."""

    item: ItemOut
    sources: list[SourceLink]
    check: CheckOut
    history: list[Revision]


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


class ItemConflict(BaseModel):
    """Someone saved the item after the version the edit was based on."""

    detail: str
    current: ItemOut


class VersionIn(BaseModel):
    version: Version


class ApproveIn(BaseModel):
    version: Version | None = None
    override: Line | None = Field(
        None, description="Approve over a failing fact check; the reason goes into history"
    )


class ApproveOut(BaseModel):
    item: ItemOut
    check: CheckOut


class ApproveRefused(BaseModel):
    """Not approved; ``unsupported`` lists the facts the sources do not back, if that is why."""

    detail: str
    unsupported: list[FactOut] = []


class RedraftIn(BaseModel):
    version: Version
    llm: bool = Field(False, description="Use the configured LLM writer (else offline)")


class RedraftOut(BaseModel):
    item: ItemOut
    writer: str
    note: str | None
    check: CheckOut

    @classmethod
    def of(cls, outcome: DraftOutcome) -> RedraftOut:
        return cls(
            item=ItemOut.of(outcome.item),
            writer=outcome.writer,
            note=outcome.note,
            check=CheckOut.of(outcome.check),
        )


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


@lru_cache(maxsize=4)
def _gazetteer(data_dir: Path, pairs: tuple[tuple[str, str], ...]) -> Gazetteer:
    base = load_gazetteer(data_dir)
    return gazetteer_with_glossary(base, pairs) if pairs else base


def gazetteer(state: AppState) -> Gazetteer:
    """The gazetteer grown from the store's glossary: the one ``kuaibao check`` and
    ``kuaibao items approve`` use (``cli.glossary.gazetteer_for``), built once per glossary
    rather than on every keystroke of the live check."""
    return _gazetteer(state.settings.data_dir, tuple(state.store.glossary.all()))


def taxonomy(state: AppState) -> Taxonomy:
    return load_taxonomy(state.settings.data_dir)


def run_check(store: Store, item: Item, title: str, body: str, gazetteer: Gazetteer) -> CheckOut:
    """The approval gate's check of the text as typed, against the item's documents."""
    docs = store.documents.get_many(item.document_ids) if item.document_ids else []
    draft = replace(item, title=normalise_newlines(title), body=[normalise_newlines(body)])
    return CheckOut.of(check_item(draft, docs, gazetteer=gazetteer))


def marked(title: str, body: str, check: CheckOut) -> tuple[Markup, Markup]:
    """The title and body with the check's unsupported facts marked (escaped throughout)."""
    title, body = normalise_newlines(title), normalise_newlines(body)
    spans = [(u.start, u.end, u.kind) for u in check.unsupported]
    in_title, in_body = split_marks(title, spans)
    return highlight(title, in_title), highlight(body, in_body)


def save_edit(
    state: AppState, item_id: int, version: int, change: ItemFields, *, editor: str
) -> tuple[Item, bool]:
    """Save ``change`` made on ``version``; (item, False) when nothing changed.

    ConflictError when someone saved since. A published item is frozen; an approved one
    that changes goes back to review, since its approval was for other text.
    """
    store = state.store
    item = store.items.get(item_id)
    if item.state is ItemState.PUBLISHED:
        raise EditRejectedError(
            f"item {item_id} is published and cannot change; correct its bulletin instead"
        )
    labels = taxonomy(state)
    clean = validate(
        change,
        domains=[*labels.domain_names, item.domain, None],
        sections=[*labels.section_names, item.section, None],
    )
    if clean == ItemFields.of(item):
        return item, False
    edited = clean.apply(replace(item, version=version))
    note = "edited"
    if item.state is ItemState.APPROVED:
        edited, note = replace(edited, state=ItemState.IN_REVIEW), EDITED_AFTER_APPROVAL
    return store.items.update(edited, now=utcnow(), editor=editor, note=note), True


def submit_at(store: Store, item_id: int, version: int, *, editor: str) -> Item:
    """Submit the version the analyst saw (an item changed since is a conflict)."""
    current = store.items.get(item_id)
    if current.version != version:
        raise ConflictError(
            f"item {item_id} was changed by someone else (now version {current.version}, "
            f"you saw version {version}); read it again before submitting"
        )
    return submit(store, item_id, now=utcnow(), editor=editor)


def approve_at(
    state: AppState, item_id: int, version: int | None, override: str | None, *, editor: str
) -> tuple[Item, CheckResult | None]:
    return approve(
        state.store,
        item_id,
        now=utcnow(),
        editor=editor,
        gazetteer=gazetteer(state),
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
        taxonomy=taxonomy(state),
        gazetteer=gazetteer(state),
        glossary=dict(store.glossary.all()),
        now=utcnow(),
        use_llm=llm,
        editor=editor,
    )


def history_of(store: Store, item_id: int) -> list[Revision]:
    return [Revision(**entry) for entry in store.items.history(item_id)]


def sources_of(store: Store, item: Item) -> list[SourceLink]:
    """The item's source URLs, titled by the stored documents they came from."""
    titles: dict[str, str] = {}
    for doc in store.documents.get_many(item.document_ids) if item.document_ids else []:
        titles.setdefault(doc.url, doc.title)
        titles.setdefault(doc.canonical_url, doc.title)
    return [SourceLink(url=url, title=titles.get(url)) for url in item.source_urls]


def build_detail(state: AppState, item: Item) -> ItemDetail:
    check = run_check(state.store, item, item.title, "\n".join(item.body), gazetteer(state))
    return ItemDetail(
        item=ItemOut.of(item),
        sources=sources_of(state.store, item),
        check=check,
        history=history_of(state.store, item.id or 0),
    )


def build_list(
    store: Store, state: ItemState | None, domain: str | None, offset: int, limit: int
) -> ItemList:
    found = store.items.find(
        state=state, domain=domain, limit=limit + 1, offset=offset, newest_first=True
    )
    rows = [
        ItemSummary(
            id=i.id or 0,
            title=i.title,
            state=i.state,
            domain=i.domain,
            section=i.section,
            version=i.version,
            contributors=list(i.contributors),
            updated_at=i.updated_at,
        )
        for i in found[:limit]
    ]
    return ItemList(
        items=rows,
        state=state,
        domain=domain,
        offset=offset,
        limit=limit,
        next_offset=offset + limit if len(found) > limit else None,
    )


# ------------------------------------------------------------------------ JSON API

_CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ItemConflict, "description": "Someone saved the item since"}
}
_REFUSED: dict[int | str, dict[str, Any]] = {
    400: {"model": ApproveRefused, "description": "Not approved (the detail says why)"}
}


@router.get("/api/items", response_model=ItemList, responses=errors())
def list_items_api(
    me: AnalystUser,
    store: StoreDep,
    state: ItemState | None = None,
    domain: Label | None = None,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = PAGE_SIZE,
) -> ItemList:
    """Items, newest first, optionally in one workflow state and one domain."""
    return build_list(store, state, domain, offset, limit)


@router.get("/api/items/{item_id}", response_model=ItemDetail, responses=errors(404))
def item_api(item_id: Id, me: AnalystUser, state: StateDep) -> ItemDetail:
    """One item with its sources, the fact check of its text and its edit history."""
    return build_detail(state, state.store.items.get(item_id))


@router.get("/api/items/{item_id}/history", response_model=list[Revision], responses=errors(404))
def history_api(item_id: Id, me: AnalystUser, store: StoreDep) -> list[Revision]:
    """Every saved version: number, time, editor, note (e.g. an approval override's
    reason) and the fields as saved."""
    store.items.get(item_id)
    return history_of(store, item_id)


@router.put(
    "/api/items/{item_id}",
    response_model=ItemOut,
    responses={**errors(400, 404), **_CONFLICT},
)
def edit_item_api(item_id: Id, body: ItemEdit, me: AnalystUser, state: StateDep) -> Response:
    """Save an edit based on ``version``. 409 with the current item when someone saved
    since (nothing is overwritten); 400 when a field is invalid or the item is published."""
    current = ItemFields.of(state.store.items.get(item_id))
    given = body.model_dump(exclude_unset=True, exclude={"version"})
    for key in ("title", "body", "contributors", "source_urls"):
        if given.get(key, "") is None:
            del given[key]  # required fields: null keeps them
    if "body" in given:
        given["body"] = paragraphs("\n".join(given["body"]))
    change = replace(current, **given)
    try:
        saved, _ = save_edit(state, item_id, body.version, change, editor=me.user.name)
    except ConflictError as exc:
        now = ItemOut.of(state.store.items.get(item_id))
        conflict = ItemConflict(detail=str(exc), current=now)
        return JSONResponse(conflict.model_dump(mode="json"), status_code=409)
    return JSONResponse(ItemOut.of(saved).model_dump(mode="json"))


@router.post("/api/items/{item_id}/check", response_model=CheckOut, responses=errors(404))
def check_item_api(item_id: Id, body: CheckIn, me: AnalystUser, state: StateDep) -> CheckOut:
    """Check text as typed against the item's sources (nothing is saved)."""
    item = state.store.items.get(item_id)
    text = body.body if isinstance(body.body, str) else "\n".join(body.body)
    return run_check(state.store, item, body.title, text, gazetteer(state))


@router.post("/api/items/{item_id}/submit", response_model=ItemOut, responses=errors(400, 404, 409))
def submit_item_api(item_id: Id, body: VersionIn, me: AnalystUser, store: StoreDep) -> ItemOut:
    """Send a draft for review."""
    return ItemOut.of(submit_at(store, item_id, body.version, editor=me.user.name))


@router.post(
    "/api/items/{item_id}/approve",
    response_model=ApproveOut,
    responses={**errors(404, 409), **_REFUSED},
)
def approve_item_api(item_id: Id, body: ApproveIn, me: EditorUser, state: StateDep) -> Response:
    """Approve (editors): refused with the unsupported facts unless the check passes or
    ``override`` gives a reason, which is kept in the item's history."""
    try:
        item, result = approve_at(state, item_id, body.version, body.override, editor=me.user.name)
    except ReviewError as exc:
        found = [FactOut(**u) for u in exc.unsupported]  # type: ignore[arg-type]
        refused = ApproveRefused(detail=str(exc), unsupported=found)
        return JSONResponse(refused.model_dump(mode="json"), status_code=400)
    out = ApproveOut(item=ItemOut.of(item), check=CheckOut.of(result))
    return JSONResponse(out.model_dump(mode="json"))


@router.post(
    "/api/items/{item_id}/redraft", response_model=RedraftOut, responses=errors(400, 404, 409)
)
def redraft_item_api(item_id: Id, body: RedraftIn, me: AnalystUser, state: StateDep) -> RedraftOut:
    """Write the item's text again from its sources (offline, or the LLM writer when
    configured); it goes back to draft and the old text stays in history."""
    outcome = redraft(state, item_id, body.version, llm=body.llm, editor=me.user.name)
    return RedraftOut.of(outcome)


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class Conflict:
    """What the conflict panel shows: the stored version beside the user's unsaved text."""

    theirs: ItemOut
    editor: str | None
    at: datetime | None
    mine_title: str
    mine_body: str


def _options(names: list[str], *current: str | None) -> list[str]:
    """Select options: the taxonomy's names plus values the item already uses."""
    extra = [c for c in current if c and c not in names]
    return [*names, *dict.fromkeys(extra)]


def _editor(
    request: Request,
    me: Principal,
    state: AppState,
    item: Item,
    form: EditorForm | None = None,
    *,
    status_code: int = 200,
    done: str | None = None,
    error: str | None = None,
    conflict: Conflict | None = None,
    refused: list[FactOut] | None = None,
) -> HTMLResponse:
    """The editor page for ``item``, showing ``form`` (the user's text) if given."""
    store = state.store
    form = form or EditorForm.of(item)
    check = run_check(store, item, form.title, form.body, gazetteer(state))
    marked_title, marked_body = marked(form.title, form.body, check)
    labels = taxonomy(state)
    return render(
        request,
        "items_editor.html",
        me,
        status_code=status_code,
        item=ItemOut.of(item),
        form=form,
        check=check,
        marked_title=marked_title,
        marked_body=marked_body,
        sources=sources_of(store, item),
        history=list(reversed(history_of(store, item.id or 0))),
        domains=_options(labels.domain_names, item.domain, form.domain),
        sections=_options(labels.section_names, item.section, form.section),
        editable=item.state is not ItemState.PUBLISHED,
        can_approve=me.role.allows(Role.EDITOR),
        llm=state.settings.llm.enabled,
        done=done,
        error=error,
        conflict=conflict,
        refused=refused,
    )


def _conflict(state: AppState, item_id: int, form: EditorForm) -> tuple[Item, EditorForm, Conflict]:
    """The current item, the user's form re-based on it (a second save is then a deliberate
    overwrite of what they have now seen), and the panel comparing the two."""
    current = state.store.items.get(item_id)
    last = state.store.items.history(item_id)[-1:]
    conflict = Conflict(
        theirs=ItemOut.of(current),
        editor=last[0]["editor"] if last else None,
        at=last[0]["at"] if last else current.updated_at,
        mine_title=form.title,
        mine_body=normalise_newlines(form.body),
    )
    return current, form.model_copy(update={"version": current.version}), conflict


def _back(item_id: int, done: str) -> RedirectResponse:
    return RedirectResponse(f"/items/{item_id}?done={done}", status_code=303)


@router.get("/items", include_in_schema=False)
def items_page(
    request: Request,
    me: AnalystUser,
    state: StateDep,
    item_state: Annotated[str, Query(alias="state", max_length=20)] = "",
    domain: Annotated[str, Query(max_length=100)] = "",
    page: Annotated[int, Query(ge=1, le=MAX_OFFSET // PAGE_SIZE)] = 1,
) -> HTMLResponse:
    chosen = ItemState(item_state) if item_state in {s.value for s in ItemState} else None
    listing = build_list(
        state.store, chosen, domain.strip() or None, (page - 1) * PAGE_SIZE, PAGE_SIZE
    )
    return render(
        request,
        "items.html",
        me,
        listing=listing,
        page=page,
        states=list(ItemState),
        domains=taxonomy(state).domain_names,
    )


@router.get("/items/{item_id}", include_in_schema=False)
def editor_page(
    request: Request,
    item_id: Id,
    me: AnalystUser,
    state: StateDep,
    done: Annotated[str, Query(max_length=20)] = "",
) -> HTMLResponse:
    item = state.store.items.get(item_id)
    return _editor(request, me, state, item, done=done if done in DONE else None)


@router.post("/items/{item_id}", include_in_schema=False)
def save_item_form(
    request: Request,
    item_id: Id,
    me: AnalystUser,
    state: StateDep,
    form: Annotated[EditorForm, Form()],
) -> Response:
    try:
        _, changed = save_edit(state, item_id, form.version, form.fields(), editor=me.user.name)
    except ConflictError:
        current, rebased, conflict = _conflict(state, item_id, form)
        return _editor(request, me, state, current, rebased, status_code=409, conflict=conflict)
    except EditRejectedError as exc:
        item = state.store.items.get(item_id)
        return _editor(request, me, state, item, form, status_code=400, error=str(exc))
    return _back(item_id, "saved" if changed else "unchanged")


@router.post("/items/{item_id}/check", include_in_schema=False)
def check_item_form(
    request: Request,
    item_id: Id,
    me: AnalystUser,
    state: StateDep,
    form: Annotated[EditorForm, Form()],
) -> HTMLResponse:
    """htmx: the check panel for the text as typed; without JavaScript: the whole editor."""
    item = state.store.items.get(item_id)
    if not request.headers.get("HX-Request"):
        return _editor(request, me, state, item, form)
    check = run_check(state.store, item, form.title, form.body, gazetteer(state))
    marked_title, marked_body = marked(form.title, form.body, check)
    return render(
        request,
        "items_check.html",
        me,
        check=check,
        marked_title=marked_title,
        marked_body=marked_body,
    )


@router.post("/items/{item_id}/submit", include_in_schema=False)
def submit_item_form(
    request: Request,
    item_id: Id,
    me: AnalystUser,
    state: StateDep,
    version: Annotated[int, Form(ge=1, le=MAX_VERSION)],
) -> Response:
    try:
        submit_at(state.store, item_id, version, editor=me.user.name)
    except (ConflictError, ReviewError) as exc:
        item = state.store.items.get(item_id)
        status = 409 if isinstance(exc, ConflictError) else 400
        return _editor(request, me, state, item, status_code=status, error=str(exc))
    return _back(item_id, "submitted")


@router.post("/items/{item_id}/approve", include_in_schema=False)
def approve_item_form(
    request: Request,
    item_id: Id,
    me: EditorUser,
    state: StateDep,
    version: Annotated[int, Form(ge=1, le=MAX_VERSION)],
    override: Annotated[str, Form(max_length=MAX_LINE)] = "",
) -> Response:
    try:
        approve_at(state, item_id, version, override.strip() or None, editor=me.user.name)
    except (ConflictError, ReviewError) as exc:
        item = state.store.items.get(item_id)
        status = 409 if isinstance(exc, ConflictError) else 400
        found = exc.unsupported if isinstance(exc, ReviewError) else []
        refused = [FactOut(**u) for u in found]  # type: ignore[arg-type]
        return _editor(
            request, me, state, item, status_code=status, error=str(exc), refused=refused
        )
    return _back(item_id, "approved")


@router.post("/items/{item_id}/redraft", include_in_schema=False)
def redraft_item_form(
    request: Request,
    item_id: Id,
    me: AnalystUser,
    state: StateDep,
    version: Annotated[int, Form(ge=1, le=MAX_VERSION)],
    writer: Annotated[str, Form(pattern="^(offline|llm)$")] = "offline",
) -> Response:
    try:
        redraft(state, item_id, version, llm=writer == "llm", editor=me.user.name)
    except ConflictError as exc:
        item = state.store.items.get(item_id)
        return _editor(request, me, state, item, status_code=409, error=str(exc))
    except StoreError:
        raise  # not found (404) or the database (503): the error page says so
    except KuaibaoError as exc:  # no documents, LLM not configured, published
        item = state.store.items.get(item_id)
        return _editor(request, me, state, item, status_code=400, error=str(exc))
    return _back(item_id, "redrafted")
