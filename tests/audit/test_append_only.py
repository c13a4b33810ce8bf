import pytest
from django.db import IntegrityError, InternalError, OperationalError, connection, transaction

from trellis.audit import triggers
from trellis.audit.models import AppendOnlyError, AuditEvent

pytestmark = pytest.mark.django_db


def test_the_orm_refuses_to_change_or_delete_events(cast) -> None:
    event = AuditEvent.objects.first()
    event.action = "delete"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


@pytest.mark.parametrize(
    "sql",
    ["UPDATE audit_auditevent SET action = 'x'", "DELETE FROM audit_auditevent"],
)
def test_the_database_refuses_raw_updates_and_deletes(cast, sql) -> None:
    triggers.install(connection)
    before = AuditEvent.objects.count()
    with (
        pytest.raises((IntegrityError, InternalError, OperationalError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEvent.objects.count() == before
    assert not AuditEvent.objects.filter(action="x").exists()
