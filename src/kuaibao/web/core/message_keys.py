"""Msgids that templates build from data, listed so that they can be found.

A template that writes ``_("items.states." ~ item.state.value)`` names no msgid that
``pybabel extract`` (or a reader) can see. Each such family is listed here, key by key,
with ``N_`` so extraction keeps them in the catalogues, and ``tests/web/test_messages.py``
checks every ``"prefix" ~ value`` in the templates has a family here and that each family
covers the values its data can take (the item states, the source flags, …).
"""

from __future__ import annotations

from kuaibao.i18n import N_

FAMILIES: dict[str, tuple[str, ...]] = {
    "bulletins.item_states.": (
        N_("bulletins.item_states.draft"),
        N_("bulletins.item_states.in_review"),
        N_("bulletins.item_states.approved"),
        N_("bulletins.item_states.published"),
    ),
    "bulletins.states.": (
        N_("bulletins.states.open"),
        N_("bulletins.states.published"),
    ),
    "flags.": (
        N_("flags.failing"),
        N_("flags.last_poll_failed"),
        N_("flags.silent"),
        N_("flags.dropped_to_zero"),
        N_("flags.never_polled"),
        N_("flags.no_items"),
        N_("flags.empty_extraction"),
    ),
    "errors.": (
        N_("errors.401"),
        N_("errors.403"),
        N_("errors.404"),
        N_("errors.409"),
        N_("errors.422"),
        N_("errors.429"),
        N_("errors.other"),
    ),
    "jobs.kinds.": (
        N_("jobs.kinds.draft_story"),
        N_("jobs.kinds.draft_accepted"),
        N_("jobs.kinds.rewrite_paragraph"),
    ),
    "jobs.states.": (
        N_("jobs.states.queued"),
        N_("jobs.states.running"),
        N_("jobs.states.done"),
        N_("jobs.states.failed"),
    ),
    "items.states.": (
        N_("items.states.draft"),
        N_("items.states.in_review"),
        N_("items.states.approved"),
        N_("items.states.published"),
    ),
    "items.kinds.": (
        N_("items.kinds.money"),
        N_("items.kinds.date"),
        N_("items.kinds.percentage"),
        N_("items.kinds.organisation"),
        N_("items.kinds.number"),
        N_("items.kinds.limit"),
    ),
    "items.done.": (
        N_("items.done.saved"),
        N_("items.done.unchanged"),
        N_("items.done.submitted"),
        N_("items.done.approved"),
        N_("items.done.redrafted"),
        N_("items.done.rewritten"),
    ),
    "search.kind_": (
        N_("search.kind_all"),
        N_("search.kind_item"),
        N_("search.kind_document"),
    ),
    "search.facet_": (
        N_("search.facet_kind"),
        N_("search.facet_domain"),
        N_("search.facet_year"),
    ),
    "settings.": (
        N_("settings.fetch"),
        N_("settings.llm"),
        N_("settings.web"),
    ),
    "sources.notice_": (
        N_("sources.notice_added"),
        N_("sources.notice_saved"),
    ),
    "sources.flags.": (
        N_("sources.flags.failing"),
        N_("sources.flags.last_poll_failed"),
        N_("sources.flags.silent"),
        N_("sources.flags.dropped_to_zero"),
        N_("sources.flags.never_polled"),
        N_("sources.flags.no_items"),
        N_("sources.flags.empty_extraction"),
        N_("sources.flags.extraction_yields_nothing"),
    ),
    "sources.tier_": (
        N_("sources.tier_1"),
        N_("sources.tier_2"),
        N_("sources.tier_3"),
    ),
    "sources.kinds.": (
        N_("sources.kinds.rss"),
        N_("sources.kinds.atom"),
        N_("sources.kinds.jsonfeed"),
        N_("sources.kinds.sitemap"),
        N_("sources.kinds.html"),
    ),
    "sources.filter_": (
        N_("sources.filter_all"),
        N_("sources.filter_failing"),
        N_("sources.filter_silent"),
        N_("sources.filter_paused"),
    ),
    "triage.states.": (
        N_("triage.states.new"),
        N_("triage.states.accepted"),
        N_("triage.states.rejected"),
        N_("triage.states.all"),
    ),
    "triage.signal.": (
        N_("triage.signal.relevance"),
        N_("triage.signal.tier"),
        N_("triage.signal.sources"),
        N_("triage.signal.recency"),
        N_("triage.signal.novelty"),
    ),
    "triage.fact.": (
        N_("triage.fact.date"),
        N_("triage.fact.money"),
        N_("triage.fact.percent"),
        N_("triage.fact.org"),
        N_("triage.fact.place"),
    ),
    "users.done_": (
        N_("users.done_added"),
        N_("users.done_role"),
        N_("users.done_disabled"),
        N_("users.done_enabled"),
        N_("users.done_password"),
        N_("users.done_display_name"),
    ),
    "roles.": (
        N_("roles.admin"),
        N_("roles.editor"),
        N_("roles.analyst"),
    ),
    "desk.check.in_": (
        N_("desk.check.in_title"),
        N_("desk.check.in_body"),
    ),
    # draft.housestyle.FaultKind values
    "desk.style.": (
        N_("desk.style.bare_actor"),
        N_("desk.style.local_place"),
        N_("desk.style.relative_date"),
        N_("desk.style.yearless_date"),
        N_("desk.style.list"),
    ),
}
