"""Progress note pages. Thin: access helper -> service -> render or redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from trellis.audit.actor import Actor
from trellis.clients.selectors import client_get
from trellis.concurrency import StaleEditError
from trellis.measures.selectors import open_critical_items
from trellis.progress import selectors, services
from trellis.progress.charts import ratings_chart
from trellis.progress.content import hash_matches, shown_content
from trellis.progress.formats import RATINGS
from trellis.progress.forms import AddendumForm, NoteForm, draft_initial, new_note_initial
from trellis.progress.models import NotAuthorError, NoteFormat, ProgressNote
from trellis.progress.mse import MentalStatusForm, offered_open
from trellis.views import add_service_errors, posted_version, staff_view, submit_edit


def _chosen_format(request: HttpRequest, default: str) -> str:
    chosen = request.POST.get("note_format") or request.GET.get("format") or default
    return chosen if chosen in NoteFormat.values else default


@staff_view
def note_list(request: HttpRequest, actor: Actor, client_id: str) -> HttpResponse:
    client = client_get(actor, client_id)
    notes = selectors.notes_of_client(actor, client)
    ratings = ratings_chart(selectors.ratings_by_goal(client))
    context = {"client": client, "notes": notes, "ratings": ratings}
    return render(request, "progress/note_list.html", context)


@staff_view
def note_create(request: HttpRequest, actor: Actor, client_id: str) -> HttpResponse:
    client = client_get(actor, client_id)
    note_format = _chosen_format(request, selectors.preferred_format(actor.user))
    setting = selectors.note_setting(actor, client)
    form = NoteForm(
        request.POST or None,
        setting=setting,
        note_format=note_format,
        initial=new_note_initial(setting),
    )
    mse_form = MentalStatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = {**form.note_data(), "mental_status": mse_form.mental_status()}
            note = services.note_create(actor=actor, client=client, data=data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The draft was saved. Sign it when it is complete.")
            return redirect("progress:detail", note_id=note.pk)
    mse = {"mse_form": mse_form, "mse_open": offered_open(client.pk)}
    return render(request, "progress/note_form.html", _form_context(form, client=client, **mse))


def _form_context(form: NoteForm, **extra: Any) -> dict[str, Any]:
    return {
        "form": form,
        "setting": form.setting,
        "note": None,
        "note_format": form.chosen_format,
        "format_label": NoteFormat(form.chosen_format).label,
        "formats": NoteFormat.choices,
        "ratings": list(RATINGS.items()),
        **extra,
    }


@staff_view
def note_detail(request: HttpRequest, actor: Actor, note_id: str) -> HttpResponse:
    note = selectors.note_detail(actor, note_id)
    return render(request, "progress/note_detail.html", _detail_context(actor, note))


def _detail_context(actor: Actor, note: ProgressNote, **extra: Any) -> dict[str, Any]:
    return {
        "note": note,
        "is_author": note.author_id == actor.user.pk,
        "client": note.client,
        "critical": open_critical_items([note.client]).get(note.client_id, []),
        "content": shown_content(note),
        "hash_ok": hash_matches(note) if note.is_signed else None,
        "addendum_form": AddendumForm(),
        # A draft written before any plan was in force can name the goals of the plan in
        # force now: its edit form offers them (signed notes never change).
        "plan_since": None
        if note.is_signed or note.plan_id
        else selectors.active_plan(note.client),
        "link_goals": _goals_to_link(note),
        "ratings": list(RATINGS.items()),
        **extra,
    }


def _goals_to_link(note: ProgressNote) -> list[Any]:
    """For a signed note that names no goal (written before the plan), the goals of the
    plan in force now, which an addendum can link it to."""
    if not note.is_signed or (note.signed_content or {}).get("goals"):
        return []
    plan = selectors.active_plan(note.client)
    return selectors.plan_goals(plan) if plan is not None else []


def _posted_links(request: HttpRequest) -> dict[str, int | None]:
    """The goals ticked under the addendum, each with its rating if one was chosen."""
    links: dict[str, int | None] = {}
    for goal in request.POST.getlist("link_goal"):
        raw = request.POST.get(f"link_rating_{goal}", "")
        links[goal] = int(raw) if raw.isdigit() else None
    return links


@staff_view
def note_edit(request: HttpRequest, actor: Actor, note_id: str) -> HttpResponse:
    note = selectors.note_detail(actor, note_id)
    if note.is_signed:
        messages.info(request, "This note is signed and locked: add an addendum instead.")
        return redirect("progress:detail", note_id=note.pk)
    if note.author_id != actor.user.pk:
        messages.error(request, str(NotAuthorError(note.author.display_name)))
        return redirect("progress:detail", note_id=note.pk)
    note_format = _chosen_format(request, note.note_format)
    setting = selectors.note_setting(actor, note.client, note=note)
    initial = draft_initial(note, note_format)
    form = NoteForm(request.POST or None, setting=setting, note_format=note_format, initial=initial)
    mse_form = MentalStatusForm(request.POST or None, initial=note.mental_status or {})
    edit = submit_edit(
        request,
        form,
        lambda _data, version: services.note_update(
            actor=actor,
            note=note,
            data={**form.note_data(), "mental_status": mse_form.mental_status()},
            expected_version=version,
        ),
    )
    if edit.saved:
        messages.success(request, "The draft was saved.")
        return redirect("progress:detail", note_id=note.pk)
    mse = {"mse_form": mse_form, "mse_open": offered_open(note.client_id, note)}
    context = _form_context(form, client=note.client, note=note, stale=edit.stale or None, **mse)
    return render(request, "progress/note_form.html", context, status=edit.status)


@staff_view
@require_POST
def note_sign(request: HttpRequest, actor: Actor, note_id: str) -> HttpResponse:
    note = selectors.note_get(actor, note_id)
    try:
        services.note_sign(
            actor=actor,
            note=note,
            expected_version=posted_version(request),
            password=request.POST.get("password", ""),
            attested=request.POST.get("attest") == "on",
        )
    except (StaleEditError, NotAuthorError) as error:
        messages.error(request, str(error))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "The note is signed. Later changes are addenda.")
    return redirect("progress:detail", note_id=note.pk)


@staff_view
@require_POST
def addendum_add(request: HttpRequest, actor: Actor, note_id: str) -> HttpResponse:
    note = selectors.note_detail(actor, note_id)
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            services.addendum_add(
                actor=actor,
                note=note,
                text=form.cleaned_data["text"],
                goal_links=_posted_links(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The addendum was added.")
            return redirect("progress:detail", note_id=note.pk)
    context = _detail_context(actor, note, addendum_form=form)
    return render(request, "progress/note_detail.html", context, status=422)
