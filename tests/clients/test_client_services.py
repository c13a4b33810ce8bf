from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.audit_helpers import events_since, last_id, summary
from tests.factories import SIGN, actor, make_client, make_diagnosis
from trellis.clients import services
from trellis.clients.models import CareTeamMember, Client, Diagnosis
from trellis.concurrency import MissingVersionError, StaleEditError
from trellis.plans import diagnoses
from trellis.plans.diagnoses import DiagnosisInUseError
from trellis.plans.signing.content import plan_hash
from trellis.plans.signing.services import plan_sign
from trellis.plans.versions.selectors import plan_tree

pytestmark = pytest.mark.django_db


def test_create_puts_the_creator_on_the_care_team_and_audits(cast) -> None:
    mark = last_id()
    client = make_client(cast.clinician, first_name="Mina", last_name="Okafor")
    assert client.practice == cast.practice
    assert list(CareTeamMember.objects.filter(client=client).values_list("user", "is_primary")) == [
        (cast.clinician.pk, True)
    ]
    [event] = events_since(mark)
    assert (event.action, event.object_type, event.client_id) == ("create", "client", client.pk)
    assert event.actor == cast.clinician and event.ip_address == "127.0.0.1"
    assert "Okafor" not in str(event.detail)  # field names only, never values


def test_create_refuses_a_birth_date_in_the_future(cast) -> None:
    before = Client.objects.count()
    with pytest.raises(ValidationError) as error:
        make_client(cast.clinician, date_of_birth=timezone.localdate() + timedelta(days=1))
    assert "date_of_birth" in error.value.message_dict
    assert Client.objects.count() == before


def test_care_team_of_another_practice_is_refused(cast) -> None:
    with pytest.raises(ValidationError) as error:
        make_client(cast.clinician, care_team=[cast.outsider])
    assert "care_team" in error.value.message_dict


def test_update_changes_fields_bumps_version_and_audits_field_names(cast) -> None:
    mark = last_id()
    changed = services.client_update(
        actor=actor(cast.clinician),
        client=cast.client,
        data={"pronouns": "she/her", "first_name": "Alex"},
        expected_version=1,
    )
    assert changed == ["pronouns"]
    cast.client.refresh_from_db()
    assert cast.client.version == 2 and cast.client.pronouns == "she/her"
    [event] = events_since(mark)
    assert event.action == "update" and event.detail == {"fields": ["pronouns"]}


def test_a_stale_update_is_refused_and_changes_nothing(cast) -> None:
    services.client_update(
        actor=actor(cast.clinician),
        client=cast.client,
        data={"phone": "555-0111"},
        expected_version=1,
    )
    mark = last_id()
    stale = Client.objects.get(pk=cast.client.pk)
    with pytest.raises(StaleEditError):
        services.client_update(
            actor=actor(cast.supervisor),
            client=stale,
            data={"phone": "555-0199"},
            expected_version=1,
        )
    assert Client.objects.get(pk=cast.client.pk).phone == "555-0111"
    assert events_since(mark) == []


def test_discharge_records_the_date(cast) -> None:
    services.client_update(
        actor=actor(cast.clinician),
        client=cast.client,
        data={"status": "discharged"},
        expected_version=1,
    )
    cast.client.refresh_from_db()
    assert cast.client.discharged_on == timezone.localdate()


def test_diagnosis_takes_description_from_the_code_set(cast) -> None:
    diagnosis = make_diagnosis(cast.clinician, cast.client, "f41.1")
    assert diagnosis.code == "F41.1"
    assert diagnosis.description == "Generalized anxiety disorder"
    assert diagnosis.diagnosed_by == cast.clinician


@pytest.mark.parametrize("code", ["F99.9", "XYZ", "F32"])
def test_unknown_or_heading_codes_are_refused(cast, code) -> None:
    before = Diagnosis.objects.count()
    with pytest.raises(ValidationError) as error:
        make_diagnosis(cast.clinician, cast.client, code)
    assert "code" in error.value.message_dict
    assert Diagnosis.objects.count() == before


def test_only_one_primary_diagnosis(cast) -> None:
    second = make_diagnosis(cast.clinician, cast.client, "F41.1", is_primary=True)
    primaries = Diagnosis.objects.filter(client=cast.client, is_primary=True)
    assert list(primaries) == [second]


def test_onset_in_the_future_is_refused(cast) -> None:
    with pytest.raises(ValidationError):
        make_diagnosis(
            cast.clinician,
            cast.client,
            "F41.1",
            onset_date=timezone.localdate() + timedelta(days=3),
        )


def test_diagnosis_update_and_remove_are_audited(cast) -> None:
    mark = last_id()
    services.diagnosis_update(
        actor=actor(cast.clinician),
        diagnosis=cast.diagnosis,
        data={"status": "resolved"},
        expected_version=1,
    )
    diagnoses.diagnosis_remove(
        actor=actor(cast.clinician), diagnosis=cast.diagnosis, expected_version=2
    )
    assert summary(events_since(mark)) == [
        ("update", "diagnosis", cast.client.pk),
        ("delete", "diagnosis", cast.client.pk),
    ]
    assert not Diagnosis.objects.filter(pk=cast.diagnosis.pk).exists()


def test_care_team_change_is_audited(cast) -> None:
    mark = last_id()
    services.client_set_care_team(
        actor=actor(cast.admin), client=cast.client, members=[cast.colleague, cast.clinician]
    )
    team = dict(CareTeamMember.objects.filter(client=cast.client).values_list("user", "is_primary"))
    assert team == {cast.colleague.pk: True, cast.clinician.pk: False}
    assert summary(events_since(mark)) == [("update", "care_team", cast.client.pk)]


def _link_and_sign(cast, *, sign: bool = True):  # type: ignore[no-untyped-def]
    """Link the persona's diagnosis to the plan's problem; sign the plan if asked."""
    from trellis.plans import services as plan_services

    problem = cast.plan.problems.get()
    plan_services.plan_item_update(
        actor=actor(cast.clinician),
        item=problem,
        data={"diagnosis": cast.diagnosis},
        expected_version=problem.version,
    )
    if sign:
        plan_sign(
            **SIGN,
            actor=actor(cast.clinician),
            plan=cast.plan,
            role="clinician",
            expected_hash=plan_hash(plan_tree(cast.plan)),
        )
    problem.refresh_from_db()
    return problem


def test_a_diagnosis_a_signed_plan_names_is_not_removed(cast) -> None:
    problem = _link_and_sign(cast)
    mark = last_id()
    with pytest.raises(DiagnosisInUseError) as error:
        diagnoses.diagnosis_remove(
            actor=actor(cast.clinician), diagnosis=cast.diagnosis, expected_version=1
        )
    assert error.value.messages == [
        "This diagnosis is used by a signed plan: resolve it or rule it out instead."
    ]
    assert Diagnosis.objects.filter(pk=cast.diagnosis.pk).exists()
    problem.refresh_from_db()
    assert problem.diagnosis_id == cast.diagnosis.pk
    assert events_since(mark) == []


def test_a_diagnosis_a_closed_plan_names_is_not_removed(cast) -> None:
    from trellis.plans import services as plan_services

    problem = _link_and_sign(cast, sign=False)
    cast.plan.refresh_from_db()
    plan_services.plan_close(
        actor=actor(cast.clinician), plan=cast.plan, expected_version=cast.plan.version
    )
    with pytest.raises(DiagnosisInUseError) as error:
        diagnoses.diagnosis_remove(
            actor=actor(cast.clinician), diagnosis=cast.diagnosis, expected_version=1
        )
    assert "closed plan, kept as a record" in error.value.messages[0]
    problem.refresh_from_db()
    assert problem.diagnosis_id == cast.diagnosis.pk


def test_removing_a_diagnosis_unlinks_a_draft_plan_and_audits_it(cast) -> None:
    problem = _link_and_sign(cast, sign=False)
    mark = last_id()
    diagnoses.diagnosis_remove(
        actor=actor(cast.clinician), diagnosis=cast.diagnosis, expected_version=1
    )
    assert not Diagnosis.objects.filter(pk=cast.diagnosis.pk).exists()
    before = problem.version
    problem.refresh_from_db()
    assert (problem.diagnosis_id, problem.version) == (None, before + 1)
    events = events_since(mark)
    assert summary(events) == [
        ("update", "problem", cast.client.pk),
        ("delete", "diagnosis", cast.client.pk),
    ]
    assert events[0].detail["fields"] == ["diagnosis"]


def test_removing_a_diagnosis_without_its_version_is_refused(cast) -> None:
    """Issue 13 item 6: a blind removal deleted a colleague's edit saved just before."""
    mark = last_id()
    with pytest.raises(MissingVersionError):
        diagnoses.diagnosis_remove(
            actor=actor(cast.clinician), diagnosis=cast.diagnosis, expected_version=None
        )
    assert Diagnosis.objects.filter(pk=cast.diagnosis.pk).exists()
    assert events_since(mark) == []
