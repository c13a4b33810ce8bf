"""A signed note's row, its links and its addenda never change, for every client of the
database. The SQL is frozen here as this migration ran it; the current definitions are
``trellis/progress/triggers.py``, installed again after every migrate."""

from django.db import migrations

from trellis.dbtriggers import InstallTriggers

SQLITE = [
    """CREATE TRIGGER IF NOT EXISTS progress_signed_note_no_update BEFORE UPDATE ON progress_progressnote
            WHEN OLD.signed_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;""",
    """CREATE TRIGGER IF NOT EXISTS progress_signed_note_no_delete BEFORE DELETE ON progress_progressnote
            WHEN OLD.signed_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;""",
    """CREATE TRIGGER IF NOT EXISTS progress_addendum_no_update BEFORE UPDATE ON progress_addendum
            BEGIN SELECT RAISE(ABORT, 'addenda never change'); END;""",
    """CREATE TRIGGER IF NOT EXISTS progress_addendum_no_delete BEFORE DELETE ON progress_addendum
            BEGIN SELECT RAISE(ABORT, 'addenda never change'); END;""",
    """CREATE TRIGGER IF NOT EXISTS progress_goalrating_signed_no_insert BEFORE INSERT ON progress_goalrating
                WHEN EXISTS (SELECT 1 FROM progress_progressnote WHERE id = NEW.note_id AND signed_at IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;""",
    """CREATE TRIGGER IF NOT EXISTS progress_goalrating_signed_no_update BEFORE UPDATE ON progress_goalrating
                WHEN EXISTS (SELECT 1 FROM progress_progressnote WHERE id = OLD.note_id AND signed_at IS NOT NULL) OR EXISTS (SELECT 1 FROM progress_progressnote WHERE id = NEW.note_id AND signed_at IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;""",
    """CREATE TRIGGER IF NOT EXISTS progress_progressnote_goals_signed_no_insert BEFORE INSERT ON progress_progressnote_goals
                WHEN EXISTS (SELECT 1 FROM progress_progressnote WHERE id = NEW.progressnote_id AND signed_at IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;""",
    """CREATE TRIGGER IF NOT EXISTS progress_progressnote_goals_signed_no_update BEFORE UPDATE ON progress_progressnote_goals
                WHEN EXISTS (SELECT 1 FROM progress_progressnote WHERE id = OLD.progressnote_id AND signed_at IS NOT NULL) OR EXISTS (SELECT 1 FROM progress_progressnote WHERE id = NEW.progressnote_id AND signed_at IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;""",
    """CREATE TRIGGER IF NOT EXISTS progress_progressnote_objectives_signed_no_insert BEFORE INSERT ON progress_progressnote_objectives
                WHEN EXISTS (SELECT 1 FROM progress_progressnote WHERE id = NEW.progressnote_id AND signed_at IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;""",
    """CREATE TRIGGER IF NOT EXISTS progress_progressnote_objectives_signed_no_update BEFORE UPDATE ON progress_progressnote_objectives
                WHEN EXISTS (SELECT 1 FROM progress_progressnote WHERE id = OLD.progressnote_id AND signed_at IS NOT NULL) OR EXISTS (SELECT 1 FROM progress_progressnote WHERE id = NEW.progressnote_id AND signed_at IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;""",
    """CREATE TRIGGER IF NOT EXISTS progress_progressnote_interventions_signed_no_insert BEFORE INSERT ON progress_progressnote_interventions
                WHEN EXISTS (SELECT 1 FROM progress_progressnote WHERE id = NEW.progressnote_id AND signed_at IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;""",
    """CREATE TRIGGER IF NOT EXISTS progress_progressnote_interventions_signed_no_update BEFORE UPDATE ON progress_progressnote_interventions
                WHEN EXISTS (SELECT 1 FROM progress_progressnote WHERE id = OLD.progressnote_id AND signed_at IS NOT NULL) OR EXISTS (SELECT 1 FROM progress_progressnote WHERE id = NEW.progressnote_id AND signed_at IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;""",
    """CREATE TRIGGER IF NOT EXISTS progress_progressnote_administrations_signed_no_insert BEFORE INSERT ON progress_progressnote_administrations
                WHEN EXISTS (SELECT 1 FROM progress_progressnote WHERE id = NEW.progressnote_id AND signed_at IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;""",
    """CREATE TRIGGER IF NOT EXISTS progress_progressnote_administrations_signed_no_update BEFORE UPDATE ON progress_progressnote_administrations
                WHEN EXISTS (SELECT 1 FROM progress_progressnote WHERE id = OLD.progressnote_id AND signed_at IS NOT NULL) OR EXISTS (SELECT 1 FROM progress_progressnote WHERE id = NEW.progressnote_id AND signed_at IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'signed progress notes never change'); END;""",
]

POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION progress_refuse_change() RETURNS trigger AS $$
           BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END;
           $$ LANGUAGE plpgsql;""",
    """CREATE OR REPLACE FUNCTION progress_refuse_signed_link() RETURNS trigger AS $$
           BEGIN
             IF EXISTS (SELECT 1 FROM progress_progressnote WHERE id = (to_jsonb(NEW) ->> TG_ARGV[0])::uuid AND signed_at IS NOT NULL)
                OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM progress_progressnote WHERE id = (to_jsonb(OLD) ->> TG_ARGV[0])::uuid AND signed_at IS NOT NULL)) THEN
               RAISE EXCEPTION 'signed progress notes never change' USING ERRCODE = 'restrict_violation';
             END IF;
             RETURN NEW;
           END; $$ LANGUAGE plpgsql;""",
    """CREATE OR REPLACE TRIGGER progress_signed_note_locked BEFORE UPDATE OR DELETE
            ON progress_progressnote FOR EACH ROW WHEN (OLD.signed_at IS NOT NULL)
            EXECUTE FUNCTION progress_refuse_change('signed progress notes never change');""",
    """CREATE OR REPLACE TRIGGER progress_addendum_locked BEFORE UPDATE OR DELETE
            ON progress_addendum FOR EACH ROW EXECUTE FUNCTION progress_refuse_change('addenda never change');""",
    """CREATE OR REPLACE TRIGGER progress_goalrating_signed_locked BEFORE INSERT OR UPDATE
                ON progress_goalrating FOR EACH ROW EXECUTE FUNCTION progress_refuse_signed_link('note_id');""",
    """CREATE OR REPLACE TRIGGER progress_progressnote_goals_signed_locked BEFORE INSERT OR UPDATE
                ON progress_progressnote_goals FOR EACH ROW EXECUTE FUNCTION progress_refuse_signed_link('progressnote_id');""",
    """CREATE OR REPLACE TRIGGER progress_progressnote_objectives_signed_locked BEFORE INSERT OR UPDATE
                ON progress_progressnote_objectives FOR EACH ROW EXECUTE FUNCTION progress_refuse_signed_link('progressnote_id');""",
    """CREATE OR REPLACE TRIGGER progress_progressnote_interventions_signed_locked BEFORE INSERT OR UPDATE
                ON progress_progressnote_interventions FOR EACH ROW EXECUTE FUNCTION progress_refuse_signed_link('progressnote_id');""",
    """CREATE OR REPLACE TRIGGER progress_progressnote_administrations_signed_locked BEFORE INSERT OR UPDATE
                ON progress_progressnote_administrations FOR EACH ROW EXECUTE FUNCTION progress_refuse_signed_link('progressnote_id');""",
]


class Migration(migrations.Migration):
    dependencies = [("progress", "0001_initial")]

    operations = [InstallTriggers("signed notes", sqlite=SQLITE, postgresql=POSTGRESQL)]
