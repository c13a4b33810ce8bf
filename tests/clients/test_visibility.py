import pytest

from tests.factories import make_client
from trellis.clients.selectors import visible_clients

pytestmark = pytest.mark.django_db


def test_each_role_sees_what_it_should(cast) -> None:
    colleague_client = make_client(cast.colleague, first_name="Noor", last_name="Haddad")
    assert set(visible_clients(cast.clinician)) == {cast.client}
    assert set(visible_clients(cast.colleague)) == {colleague_client}
    assert set(visible_clients(cast.supervisor)) == {cast.client}  # via the supervisee
    assert set(visible_clients(cast.admin)) == {cast.client, colleague_client}
    assert set(visible_clients(cast.outsider)) == set()


def test_inactive_users_see_nothing(cast) -> None:
    cast.clinician.is_active = False
    cast.clinician.save()
    assert not visible_clients(cast.clinician).exists()


def test_supervisor_of_nobody_sees_only_own_caseload(cast) -> None:
    cast.supervisor.supervisees.clear()
    assert not visible_clients(cast.supervisor).exists()
