import pytest
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.mark.django_db
def test_clinician_walks_the_main_pages(client, cast) -> None:
    client.login(username=cast.clinician.email, password=PASSWORD)
    for url in [
        reverse("clients:list"),
        reverse("pages:client", args=[cast.client.pk]),
        reverse("clients:edit", args=[cast.client.pk]),
        reverse("plans:detail", args=[cast.plan.pk]),
        reverse("pages:plan_print", args=[cast.plan.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
