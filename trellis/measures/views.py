"""Measure pages: give an instrument, enter a paper result, see a client's scores over time,
respond to a critical item. Thin: access helper -> service -> render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from trellis.accounts.permissions import Permission, has, require
from trellis.audit.actor import Actor
from trellis.clients.selectors import client_get
from trellis.core.measures import Instrument
from trellis.measures import selectors, services
from trellis.measures.forms import (
    AdministerForm,
    CriticalResponseForm,
    InstrumentUploadForm,
    TotalOnlyForm,
    VoidForm,
    start_of_day,
)
from trellis.measures.models import Administration, CustomInstrument
from trellis.measures.registry import instrument_get, instruments_for
from trellis.views import add_service_errors, staff_view


def _measures_url(client_id: object) -> str:
    return reverse("plans:measures", kwargs={"client_id": client_id})


@staff_view
def administer(
    request: HttpRequest, actor: Actor, client_id: str, instrument_id: str, paper: bool = False
) -> HttpResponse:
    """Give an instrument in session, or enter a paper form (``paper``: the day it was
    filled in, and "save and enter another" for a stack of forms)."""
    client = client_get(actor, client_id)
    instrument = instrument_get(client.practice_id, instrument_id)
    form = AdministerForm(instrument, request.POST or None, paper=paper)
    if request.method == "POST" and form.is_valid():
        try:
            administration = services.administration_record(
                actor=actor,
                client=client,
                instrument=instrument,
                answers=form.answers(),
                administered_at=form.given_at(),
                mode=form.given_mode(),
                notes=form.cleaned_data["notes"],
                unscored_answers=form.unscored_answers(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _announce(request, administration)
            if paper and "another" in request.POST:
                return redirect(request.path)
            return redirect(_measures_url(client.pk))
    context = {"client": client, "instrument": instrument, "form": form, "paper": paper}
    return render(request, "measures/administer.html", context)


@staff_view
def administer_total(
    request: HttpRequest, actor: Actor, client_id: str, instrument_id: str
) -> HttpResponse:
    """Enter a historical total when only the score is known (no item answers)."""
    client = client_get(actor, client_id)
    instrument = instrument_get(client.practice_id, instrument_id)
    form = TotalOnlyForm(instrument, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            administration = services.administration_record_total(
                actor=actor,
                client=client,
                instrument=instrument,
                total=form.cleaned_data["total"],
                administered_at=start_of_day(form.cleaned_data["filled_on"]),
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _announce(request, administration)
            if "another" in request.POST:
                return redirect(request.path)
            return redirect(_measures_url(client.pk))
    context = {"client": client, "instrument": instrument, "form": form}
    return render(request, "measures/administer_total.html", context)


def _announce(request: HttpRequest, administration: Administration) -> None:
    if administration.total is None:
        messages.warning(
            request,
            f"{administration.instrument_id} recorded without a total: "
            f"{administration.unscored_reason}. The critical answer is kept and alerts: "
            "respond below. Give the measure again for a score.",
        )
        return
    severity = f" ({administration.severity})" if administration.severity else ""
    what = f"{administration.instrument_id} total only" if administration.total_only else ""
    what = what or administration.instrument_id
    text = f"{what} recorded: {administration.total_display}{severity}."
    for note in administration.score_notes:
        text += f" {note}"  # e.g. the sex is not recorded, so both cut-offs were applied
    if administration.is_critical:
        messages.warning(request, text + " A critical item was answered positively: respond below.")
    else:
        messages.success(request, text)


@staff_view
def administration_detail(
    request: HttpRequest, actor: Actor, administration_id: str
) -> HttpResponse:
    administration = selectors.administration_get(actor, administration_id)
    try:
        instrument = instrument_get(administration.client.practice_id, administration.instrument_id)
    except Http404:
        instrument = None
    answers = list(administration.answers)
    items = []
    if instrument is not None and len(instrument.items) == len(answers):
        for item, value in zip(instrument.items, answers, strict=True):
            chosen = next((o.text for o in item.options if o.value == value), None)
            items.append(
                {"number": item.number, "text": item.text, "value": value, "answer": chosen}
            )
    context = {
        "unscored": _unscored_rows(instrument, administration),
        "administration": administration,
        "client": administration.client,
        "items": items,
        "response_form": CriticalResponseForm(),
        "void_form": VoidForm(),
    }
    return render(request, "measures/administration_detail.html", context)


def _unscored_rows(
    instrument: Instrument | None, administration: Administration
) -> list[dict[str, object]]:
    """The questions outside the score with the answer given, in words where known."""
    rows: list[dict[str, object]] = []
    for key, value in administration.unscored_answers.items():
        question = (
            next((q for q in instrument.unscored if q.id == key), None) if instrument else None
        )
        option = question.option(value) if question is not None else None
        rows.append(
            {
                "text": question.text if question is not None else key,
                "answer": option.text if option is not None else value,
            }
        )
    return rows


@require_POST
@staff_view
def critical_respond(request: HttpRequest, actor: Actor, administration_id: str) -> HttpResponse:
    administration = selectors.administration_get(actor, administration_id)
    form = CriticalResponseForm(request.POST)
    if form.is_valid():
        try:
            services.critical_response_record(
                actor=actor,
                administration=administration,
                actions=form.cleaned_data["actions"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your response was recorded; the flag is cleared.")
            if request.POST.get("next") == "client":
                return redirect("pages:client", client_id=administration.client_id)
            return redirect(_measures_url(administration.client_id))
    context = {
        "administration": administration,
        "client": administration.client,
        "response_form": form,
        "void_form": VoidForm(),
        "items": [],
    }
    return render(request, "measures/administration_detail.html", context, status=422)


@require_POST
@staff_view
def administration_void(request: HttpRequest, actor: Actor, administration_id: str) -> HttpResponse:
    administration = selectors.administration_get(actor, administration_id)
    form = VoidForm(request.POST)
    if form.is_valid():
        try:
            services.administration_void(
                actor=actor, administration=administration, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Marked as entered in error; it no longer counts.")
            return redirect(_measures_url(administration.client_id))
    context = {
        "administration": administration,
        "client": administration.client,
        "response_form": CriticalResponseForm(),
        "void_form": form,
        "items": [],
    }
    return render(request, "measures/administration_detail.html", context, status=422)


@staff_view
def instrument_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    practice_id = actor.practice_id
    form = InstrumentUploadForm()
    if request.method == "POST":
        require(actor, Permission.ADD_PRACTICE_INSTRUMENT)  # before the file is read
        form = InstrumentUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                row = services.custom_instrument_add(
                    actor=actor, file_name=form.cleaned_data["file"].name, source=form.source
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{row.instrument_id} was added for the practice.")
                return redirect("measures:instruments")
    custom = set(
        CustomInstrument.objects.filter(practice_id=practice_id, is_active=True).values_list(
            "instrument_id", flat=True
        )
    )
    context = {
        "instruments": sorted(instruments_for(practice_id).values(), key=lambda i: i.id),
        "custom": custom,
        "form": form,
        "can_add": has(actor.user, Permission.ADD_PRACTICE_INSTRUMENT),
    }
    return render(request, "measures/instrument_list.html", context)


@staff_view
def instrument_detail(request: HttpRequest, actor: Actor, instrument_id: str) -> HttpResponse:
    instrument = instrument_get(actor.user.practice_id, instrument_id)
    return render(request, "measures/instrument_detail.html", {"instrument": instrument})
