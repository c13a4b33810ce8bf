"""On SQLite, no insert or update may REPLACE a signed note, an addendum or a link of a
signed note (REPLACE deletes the row in the way without its DELETE trigger). The SQL is
frozen here as this migration ran it, built from the tables as they then were; the current
definitions are ``trellis/progress/triggers.py``, installed again after every migrate."""

from django.db import migrations

from trellis.dbtriggers import InstallTriggers

SQLITE = [
    (
        "CREATE TRIGGER progress_progressnote_no_replace_insert BEFORE INSERT ON "
        "progress_progressnote FOR EACH ROW WHEN EXISTS (SELECT 1 FROM progress_progressnote x "
        "WHERE ((x.\"id\" = NEW.\"id\")) AND (x.signed_at IS NOT NULL)) BEGIN SELECT RAISE(ABORT, "
        "'signed progress notes never change'); END;"
    ),
    (
        "CREATE TRIGGER progress_progressnote_no_replace_update BEFORE UPDATE ON "
        "progress_progressnote FOR EACH ROW WHEN EXISTS (SELECT 1 FROM progress_progressnote x "
        "WHERE ((x.\"id\" = NEW.\"id\")) AND (x.signed_at IS NOT NULL) AND x.rowid <> OLD.rowid) "
        "BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;"
    ),
    (
        "CREATE TRIGGER progress_addendum_no_replace_insert BEFORE INSERT ON progress_addendum "
        "FOR EACH ROW WHEN EXISTS (SELECT 1 FROM progress_addendum x WHERE ((x.\"id\" = NEW.\"id\")) "
        "AND (1)) BEGIN SELECT RAISE(ABORT, 'addenda never change'); END;"
    ),
    (
        "CREATE TRIGGER progress_goalrating_no_replace_insert BEFORE INSERT ON "
        "progress_goalrating FOR EACH ROW WHEN EXISTS (SELECT 1 FROM progress_goalrating x WHERE "
        "((x.\"note_id\" = NEW.\"note_id\" AND x.\"goal_id\" = NEW.\"goal_id\") OR (x.\"id\" = NEW.\"id\")) "
        "AND (EXISTS (SELECT 1 FROM progress_progressnote WHERE id = x.note_id AND signed_at IS "
        "NOT NULL))) BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;"
    ),
    (
        "CREATE TRIGGER progress_goalrating_no_replace_update BEFORE UPDATE ON "
        "progress_goalrating FOR EACH ROW WHEN EXISTS (SELECT 1 FROM progress_goalrating x WHERE "
        "((x.\"note_id\" = NEW.\"note_id\" AND x.\"goal_id\" = NEW.\"goal_id\") OR (x.\"id\" = NEW.\"id\")) "
        "AND (EXISTS (SELECT 1 FROM progress_progressnote WHERE id = x.note_id AND signed_at IS "
        "NOT NULL)) AND x.rowid <> OLD.rowid) BEGIN SELECT RAISE(ABORT, 'signed progress notes "
        "never change'); END;"
    ),
    (
        "CREATE TRIGGER progress_progressnote_goals_no_replace_insert BEFORE INSERT ON "
        "progress_progressnote_goals FOR EACH ROW WHEN EXISTS (SELECT 1 FROM "
        "progress_progressnote_goals x WHERE ((x.\"progressnote_id\" = NEW.\"progressnote_id\" AND "
        "x.\"goal_id\" = NEW.\"goal_id\") OR (x.\"id\" = NEW.\"id\")) AND (EXISTS (SELECT 1 FROM "
        "progress_progressnote WHERE id = x.progressnote_id AND signed_at IS NOT NULL))) BEGIN "
        "SELECT RAISE(ABORT, 'signed progress notes never change'); END;"
    ),
    (
        "CREATE TRIGGER progress_progressnote_goals_no_replace_update BEFORE UPDATE ON "
        "progress_progressnote_goals FOR EACH ROW WHEN EXISTS (SELECT 1 FROM "
        "progress_progressnote_goals x WHERE ((x.\"progressnote_id\" = NEW.\"progressnote_id\" AND "
        "x.\"goal_id\" = NEW.\"goal_id\") OR (x.\"id\" = NEW.\"id\")) AND (EXISTS (SELECT 1 FROM "
        "progress_progressnote WHERE id = x.progressnote_id AND signed_at IS NOT NULL)) AND "
        "x.rowid <> OLD.rowid) BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); "
        "END;"
    ),
    (
        "CREATE TRIGGER progress_progressnote_objectives_no_replace_insert BEFORE INSERT ON "
        "progress_progressnote_objectives FOR EACH ROW WHEN EXISTS (SELECT 1 FROM "
        "progress_progressnote_objectives x WHERE ((x.\"progressnote_id\" = NEW.\"progressnote_id\" "
        "AND x.\"objective_id\" = NEW.\"objective_id\") OR (x.\"id\" = NEW.\"id\")) AND (EXISTS (SELECT 1 "
        "FROM progress_progressnote WHERE id = x.progressnote_id AND signed_at IS NOT NULL))) "
        "BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;"
    ),
    (
        "CREATE TRIGGER progress_progressnote_objectives_no_replace_update BEFORE UPDATE ON "
        "progress_progressnote_objectives FOR EACH ROW WHEN EXISTS (SELECT 1 FROM "
        "progress_progressnote_objectives x WHERE ((x.\"progressnote_id\" = NEW.\"progressnote_id\" "
        "AND x.\"objective_id\" = NEW.\"objective_id\") OR (x.\"id\" = NEW.\"id\")) AND (EXISTS (SELECT 1 "
        "FROM progress_progressnote WHERE id = x.progressnote_id AND signed_at IS NOT NULL)) AND "
        "x.rowid <> OLD.rowid) BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); "
        "END;"
    ),
    (
        "CREATE TRIGGER progress_progressnote_interventions_no_replace_insert BEFORE INSERT ON "
        "progress_progressnote_interventions FOR EACH ROW WHEN EXISTS (SELECT 1 FROM "
        "progress_progressnote_interventions x WHERE ((x.\"progressnote_id\" = "
        "NEW.\"progressnote_id\" AND x.\"intervention_id\" = NEW.\"intervention_id\") OR (x.\"id\" = "
        "NEW.\"id\")) AND (EXISTS (SELECT 1 FROM progress_progressnote WHERE id = x.progressnote_id "
        "AND signed_at IS NOT NULL))) BEGIN SELECT RAISE(ABORT, 'signed progress notes never "
        "change'); END;"
    ),
    (
        "CREATE TRIGGER progress_progressnote_interventions_no_replace_update BEFORE UPDATE ON "
        "progress_progressnote_interventions FOR EACH ROW WHEN EXISTS (SELECT 1 FROM "
        "progress_progressnote_interventions x WHERE ((x.\"progressnote_id\" = "
        "NEW.\"progressnote_id\" AND x.\"intervention_id\" = NEW.\"intervention_id\") OR (x.\"id\" = "
        "NEW.\"id\")) AND (EXISTS (SELECT 1 FROM progress_progressnote WHERE id = x.progressnote_id "
        "AND signed_at IS NOT NULL)) AND x.rowid <> OLD.rowid) BEGIN SELECT RAISE(ABORT, 'signed "
        "progress notes never change'); END;"
    ),
    (
        "CREATE TRIGGER progress_progressnote_administrations_no_replace_insert BEFORE INSERT ON "
        "progress_progressnote_administrations FOR EACH ROW WHEN EXISTS (SELECT 1 FROM "
        "progress_progressnote_administrations x WHERE ((x.\"progressnote_id\" = "
        "NEW.\"progressnote_id\" AND x.\"administration_id\" = NEW.\"administration_id\") OR (x.\"id\" = "
        "NEW.\"id\")) AND (EXISTS (SELECT 1 FROM progress_progressnote WHERE id = x.progressnote_id "
        "AND signed_at IS NOT NULL))) BEGIN SELECT RAISE(ABORT, 'signed progress notes never "
        "change'); END;"
    ),
    (
        "CREATE TRIGGER progress_progressnote_administrations_no_replace_update BEFORE UPDATE ON "
        "progress_progressnote_administrations FOR EACH ROW WHEN EXISTS (SELECT 1 FROM "
        "progress_progressnote_administrations x WHERE ((x.\"progressnote_id\" = "
        "NEW.\"progressnote_id\" AND x.\"administration_id\" = NEW.\"administration_id\") OR (x.\"id\" = "
        "NEW.\"id\")) AND (EXISTS (SELECT 1 FROM progress_progressnote WHERE id = x.progressnote_id "
        "AND signed_at IS NOT NULL)) AND x.rowid <> OLD.rowid) BEGIN SELECT RAISE(ABORT, 'signed "
        "progress notes never change'); END;"
    ),
]


class Migration(migrations.Migration):
    dependencies = [("progress", "0004_practice_review_interval")]

    operations = [InstallTriggers("signed notes no replace", sqlite=SQLITE)]
