"""A signed plan version never changes, and signatures are append-only: database triggers,
and on SQLite the guards against REPLACE. The SQL is frozen here as this migration ran it,
built from the tables as they then were (the SQLite plan trigger lists the plan's columns);
the current definitions are ``trellis/plans/triggers.py``, installed again after every
migrate."""

from django.db import migrations

from trellis.dbtriggers import InstallTriggers

SQLITE = [
    (
        "CREATE TRIGGER plans_signed_plan_update BEFORE UPDATE ON plans_treatmentplan FOR EACH "
        "ROW WHEN EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = OLD.id) AND "
        "(NEW.\"id\" IS NOT OLD.\"id\" OR NEW.\"title\" IS NOT OLD.\"title\" OR NEW.\"start_date\" IS NOT "
        "OLD.\"start_date\" OR NEW.\"expected_sessions\" IS NOT OLD.\"expected_sessions\" OR "
        "NEW.\"session_frequency\" IS NOT OLD.\"session_frequency\" OR NEW.\"strengths\" IS NOT "
        "OLD.\"strengths\" OR NEW.\"barriers\" IS NOT OLD.\"barriers\" OR NEW.\"family_involvement\" IS "
        "NOT OLD.\"family_involvement\" OR NEW.\"referrals\" IS NOT OLD.\"referrals\" OR "
        "NEW.\"warning_signs\" IS NOT OLD.\"warning_signs\" OR NEW.\"coping_strategies\" IS NOT "
        "OLD.\"coping_strategies\" OR NEW.\"distraction_people_places\" IS NOT "
        "OLD.\"distraction_people_places\" OR NEW.\"support_contacts\" IS NOT OLD.\"support_contacts\" "
        "OR NEW.\"professional_contacts\" IS NOT OLD.\"professional_contacts\" OR NEW.\"crisis_lines\" "
        "IS NOT OLD.\"crisis_lines\" OR NEW.\"environment_safety\" IS NOT OLD.\"environment_safety\" OR "
        "NEW.\"reasons_for_living\" IS NOT OLD.\"reasons_for_living\" OR NEW.\"created_at\" IS NOT "
        "OLD.\"created_at\" OR NEW.\"client_id\" IS NOT OLD.\"client_id\" OR NEW.\"created_by_id\" IS NOT "
        "OLD.\"created_by_id\" OR NEW.\"lineage\" IS NOT OLD.\"lineage\" OR NEW.\"signed_at\" IS NOT "
        "OLD.\"signed_at\" OR NEW.\"version_number\" IS NOT OLD.\"version_number\" OR "
        "NEW.\"previous_version_id\" IS NOT OLD.\"previous_version_id\") BEGIN SELECT RAISE(ABORT, 'a "
        "signed plan version never changes; revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_signed_plan_delete BEFORE DELETE ON plans_treatmentplan FOR EACH "
        "ROW WHEN EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = OLD.id) BEGIN "
        "SELECT RAISE(ABORT, 'a signed plan version never changes; revise it to make a new "
        "version'); END;"
    ),
    (
        "CREATE TRIGGER plans_signature_no_update BEFORE UPDATE ON plans_plansignature FOR EACH "
        "ROW BEGIN SELECT RAISE(ABORT, 'plan signatures are append-only'); END;"
    ),
    (
        "CREATE TRIGGER plans_signature_no_delete BEFORE DELETE ON plans_plansignature FOR EACH "
        "ROW BEGIN SELECT RAISE(ABORT, 'plan signatures are append-only'); END;"
    ),
    (
        "CREATE TRIGGER plans_treatmentplan_no_replace_insert BEFORE INSERT ON "
        "plans_treatmentplan FOR EACH ROW WHEN EXISTS (SELECT 1 FROM plans_treatmentplan x WHERE "
        "((x.\"lineage\" = NEW.\"lineage\" AND x.\"version_number\" = NEW.\"version_number\") OR "
        "(x.\"client_id\" = NEW.\"client_id\" AND x.rowid IN (SELECT rowid FROM plans_treatmentplan "
        "WHERE \"status\" = 'active') AND EXISTS (SELECT 1 FROM (SELECT NEW.\"id\" AS \"id\", "
        "NEW.\"title\" AS \"title\", NEW.\"status\" AS \"status\", NEW.\"start_date\" AS \"start_date\", "
        "NEW.\"review_date\" AS \"review_date\", NEW.\"expected_sessions\" AS \"expected_sessions\", "
        "NEW.\"session_frequency\" AS \"session_frequency\", NEW.\"strengths\" AS \"strengths\", "
        "NEW.\"barriers\" AS \"barriers\", NEW.\"family_involvement\" AS \"family_involvement\", "
        "NEW.\"referrals\" AS \"referrals\", NEW.\"warning_signs\" AS \"warning_signs\", "
        "NEW.\"coping_strategies\" AS \"coping_strategies\", NEW.\"distraction_people_places\" AS "
        "\"distraction_people_places\", NEW.\"support_contacts\" AS \"support_contacts\", "
        "NEW.\"professional_contacts\" AS \"professional_contacts\", NEW.\"crisis_lines\" AS "
        "\"crisis_lines\", NEW.\"environment_safety\" AS \"environment_safety\", "
        "NEW.\"reasons_for_living\" AS \"reasons_for_living\", NEW.\"created_at\" AS \"created_at\", "
        "NEW.\"updated_at\" AS \"updated_at\", NEW.\"activated_at\" AS \"activated_at\", NEW.\"closed_at\" "
        "AS \"closed_at\", NEW.\"version\" AS \"version\", NEW.\"client_id\" AS \"client_id\", "
        "NEW.\"created_by_id\" AS \"created_by_id\", NEW.\"updated_by_id\" AS \"updated_by_id\", "
        "NEW.\"lineage\" AS \"lineage\", NEW.\"signed_at\" AS \"signed_at\", NEW.\"version_number\" AS "
        "\"version_number\", NEW.\"previous_version_id\" AS \"previous_version_id\") WHERE \"status\" = "
        "'active')) OR (x.\"id\" = NEW.\"id\")) AND (EXISTS (SELECT 1 FROM plans_plansignature s "
        "WHERE s.plan_id = x.id))) BEGIN SELECT RAISE(ABORT, 'a signed plan version never "
        "changes; revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_treatmentplan_no_replace_update BEFORE UPDATE ON "
        "plans_treatmentplan FOR EACH ROW WHEN EXISTS (SELECT 1 FROM plans_treatmentplan x WHERE "
        "((x.\"lineage\" = NEW.\"lineage\" AND x.\"version_number\" = NEW.\"version_number\") OR "
        "(x.\"client_id\" = NEW.\"client_id\" AND x.rowid IN (SELECT rowid FROM plans_treatmentplan "
        "WHERE \"status\" = 'active') AND EXISTS (SELECT 1 FROM (SELECT NEW.\"id\" AS \"id\", "
        "NEW.\"title\" AS \"title\", NEW.\"status\" AS \"status\", NEW.\"start_date\" AS \"start_date\", "
        "NEW.\"review_date\" AS \"review_date\", NEW.\"expected_sessions\" AS \"expected_sessions\", "
        "NEW.\"session_frequency\" AS \"session_frequency\", NEW.\"strengths\" AS \"strengths\", "
        "NEW.\"barriers\" AS \"barriers\", NEW.\"family_involvement\" AS \"family_involvement\", "
        "NEW.\"referrals\" AS \"referrals\", NEW.\"warning_signs\" AS \"warning_signs\", "
        "NEW.\"coping_strategies\" AS \"coping_strategies\", NEW.\"distraction_people_places\" AS "
        "\"distraction_people_places\", NEW.\"support_contacts\" AS \"support_contacts\", "
        "NEW.\"professional_contacts\" AS \"professional_contacts\", NEW.\"crisis_lines\" AS "
        "\"crisis_lines\", NEW.\"environment_safety\" AS \"environment_safety\", "
        "NEW.\"reasons_for_living\" AS \"reasons_for_living\", NEW.\"created_at\" AS \"created_at\", "
        "NEW.\"updated_at\" AS \"updated_at\", NEW.\"activated_at\" AS \"activated_at\", NEW.\"closed_at\" "
        "AS \"closed_at\", NEW.\"version\" AS \"version\", NEW.\"client_id\" AS \"client_id\", "
        "NEW.\"created_by_id\" AS \"created_by_id\", NEW.\"updated_by_id\" AS \"updated_by_id\", "
        "NEW.\"lineage\" AS \"lineage\", NEW.\"signed_at\" AS \"signed_at\", NEW.\"version_number\" AS "
        "\"version_number\", NEW.\"previous_version_id\" AS \"previous_version_id\") WHERE \"status\" = "
        "'active')) OR (x.\"id\" = NEW.\"id\")) AND (EXISTS (SELECT 1 FROM plans_plansignature s "
        "WHERE s.plan_id = x.id)) AND x.rowid <> OLD.rowid) BEGIN SELECT RAISE(ABORT, 'a signed "
        "plan version never changes; revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_plansignature_no_replace_insert BEFORE INSERT ON "
        "plans_plansignature FOR EACH ROW WHEN EXISTS (SELECT 1 FROM plans_plansignature x WHERE "
        "((x.\"plan_id\" = NEW.\"plan_id\" AND x.\"role\" = NEW.\"role\") OR (x.\"id\" = NEW.\"id\")) AND "
        "(1)) BEGIN SELECT RAISE(ABORT, 'plan signatures are append-only'); END;"
    ),
    (
        "CREATE TRIGGER plans_problem_no_replace_insert BEFORE INSERT ON plans_problem FOR EACH "
        "ROW WHEN EXISTS (SELECT 1 FROM plans_problem x WHERE ((x.\"id\" = NEW.\"id\")) AND (EXISTS "
        "(SELECT 1 FROM plans_plansignature s WHERE s.plan_id = x.plan_id))) BEGIN SELECT "
        "RAISE(ABORT, 'a signed plan version never changes; revise it to make a new version'); "
        "END;"
    ),
    (
        "CREATE TRIGGER plans_problem_no_replace_update BEFORE UPDATE ON plans_problem FOR EACH "
        "ROW WHEN EXISTS (SELECT 1 FROM plans_problem x WHERE ((x.\"id\" = NEW.\"id\")) AND (EXISTS "
        "(SELECT 1 FROM plans_plansignature s WHERE s.plan_id = x.plan_id)) AND x.rowid <> "
        "OLD.rowid) BEGIN SELECT RAISE(ABORT, 'a signed plan version never changes; revise it to "
        "make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_goal_no_replace_insert BEFORE INSERT ON plans_goal FOR EACH ROW "
        "WHEN EXISTS (SELECT 1 FROM plans_goal x WHERE ((x.\"id\" = NEW.\"id\")) AND (EXISTS (SELECT "
        "1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id FROM plans_problem p "
        "WHERE p.id = x.problem_id)))) BEGIN SELECT RAISE(ABORT, 'a signed plan version never "
        "changes; revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_goal_no_replace_update BEFORE UPDATE ON plans_goal FOR EACH ROW "
        "WHEN EXISTS (SELECT 1 FROM plans_goal x WHERE ((x.\"id\" = NEW.\"id\")) AND (EXISTS (SELECT "
        "1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id FROM plans_problem p "
        "WHERE p.id = x.problem_id))) AND x.rowid <> OLD.rowid) BEGIN SELECT RAISE(ABORT, 'a "
        "signed plan version never changes; revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_objective_no_replace_insert BEFORE INSERT ON plans_objective FOR "
        "EACH ROW WHEN EXISTS (SELECT 1 FROM plans_objective x WHERE ((x.\"id\" = NEW.\"id\")) AND "
        "(EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id FROM "
        "plans_goal g JOIN plans_problem p ON p.id = g.problem_id WHERE g.id = x.goal_id)))) "
        "BEGIN SELECT RAISE(ABORT, 'a signed plan version never changes; revise it to make a new "
        "version'); END;"
    ),
    (
        "CREATE TRIGGER plans_objective_no_replace_update BEFORE UPDATE ON plans_objective FOR "
        "EACH ROW WHEN EXISTS (SELECT 1 FROM plans_objective x WHERE ((x.\"id\" = NEW.\"id\")) AND "
        "(EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id FROM "
        "plans_goal g JOIN plans_problem p ON p.id = g.problem_id WHERE g.id = x.goal_id))) AND "
        "x.rowid <> OLD.rowid) BEGIN SELECT RAISE(ABORT, 'a signed plan version never changes; "
        "revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_intervention_no_replace_insert BEFORE INSERT ON plans_intervention "
        "FOR EACH ROW WHEN EXISTS (SELECT 1 FROM plans_intervention x WHERE ((x.\"id\" = NEW.\"id\")) "
        "AND (EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id "
        "FROM plans_objective o JOIN plans_goal g ON g.id = o.goal_id JOIN plans_problem p ON "
        "p.id = g.problem_id WHERE o.id = x.objective_id)))) BEGIN SELECT RAISE(ABORT, 'a signed "
        "plan version never changes; revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_intervention_no_replace_update BEFORE UPDATE ON plans_intervention "
        "FOR EACH ROW WHEN EXISTS (SELECT 1 FROM plans_intervention x WHERE ((x.\"id\" = NEW.\"id\")) "
        "AND (EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id "
        "FROM plans_objective o JOIN plans_goal g ON g.id = o.goal_id JOIN plans_problem p ON "
        "p.id = g.problem_id WHERE o.id = x.objective_id))) AND x.rowid <> OLD.rowid) BEGIN "
        "SELECT RAISE(ABORT, 'a signed plan version never changes; revise it to make a new "
        "version'); END;"
    ),
    (
        "CREATE TRIGGER plans_measuretarget_no_replace_insert BEFORE INSERT ON "
        "plans_measuretarget FOR EACH ROW WHEN EXISTS (SELECT 1 FROM plans_measuretarget x WHERE "
        "((x.\"id\" = NEW.\"id\")) AND (EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = "
        "COALESCE((SELECT p.plan_id FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id "
        "WHERE g.id = x.goal_id), (SELECT p.plan_id FROM plans_objective o JOIN plans_goal g ON "
        "g.id = o.goal_id JOIN plans_problem p ON p.id = g.problem_id WHERE o.id = "
        "x.objective_id))))) BEGIN SELECT RAISE(ABORT, 'a signed plan version never changes; "
        "revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_measuretarget_no_replace_update BEFORE UPDATE ON "
        "plans_measuretarget FOR EACH ROW WHEN EXISTS (SELECT 1 FROM plans_measuretarget x WHERE "
        "((x.\"id\" = NEW.\"id\")) AND (EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = "
        "COALESCE((SELECT p.plan_id FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id "
        "WHERE g.id = x.goal_id), (SELECT p.plan_id FROM plans_objective o JOIN plans_goal g ON "
        "g.id = o.goal_id JOIN plans_problem p ON p.id = g.problem_id WHERE o.id = "
        "x.objective_id)))) AND x.rowid <> OLD.rowid) BEGIN SELECT RAISE(ABORT, 'a signed plan "
        "version never changes; revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_signed_problem_insert BEFORE INSERT ON plans_problem FOR EACH ROW "
        "WHEN EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = NEW.plan_id) BEGIN "
        "SELECT RAISE(ABORT, 'a signed plan version never changes; revise it to make a new "
        "version'); END;"
    ),
    (
        "CREATE TRIGGER plans_signed_problem_update BEFORE UPDATE ON plans_problem FOR EACH ROW "
        "WHEN EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = OLD.plan_id) OR "
        "EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = NEW.plan_id) BEGIN SELECT "
        "RAISE(ABORT, 'a signed plan version never changes; revise it to make a new version'); "
        "END;"
    ),
    (
        "CREATE TRIGGER plans_signed_problem_delete BEFORE DELETE ON plans_problem FOR EACH ROW "
        "WHEN EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = OLD.plan_id) BEGIN "
        "SELECT RAISE(ABORT, 'a signed plan version never changes; revise it to make a new "
        "version'); END;"
    ),
    (
        "CREATE TRIGGER plans_signed_goal_insert BEFORE INSERT ON plans_goal FOR EACH ROW WHEN "
        "EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id FROM "
        "plans_problem p WHERE p.id = NEW.problem_id)) BEGIN SELECT RAISE(ABORT, 'a signed plan "
        "version never changes; revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_signed_goal_update BEFORE UPDATE ON plans_goal FOR EACH ROW WHEN "
        "EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id FROM "
        "plans_problem p WHERE p.id = OLD.problem_id)) OR EXISTS (SELECT 1 FROM "
        "plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id FROM plans_problem p WHERE "
        "p.id = NEW.problem_id)) BEGIN SELECT RAISE(ABORT, 'a signed plan version never changes; "
        "revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_signed_goal_delete BEFORE DELETE ON plans_goal FOR EACH ROW WHEN "
        "EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id FROM "
        "plans_problem p WHERE p.id = OLD.problem_id)) BEGIN SELECT RAISE(ABORT, 'a signed plan "
        "version never changes; revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_signed_objective_insert BEFORE INSERT ON plans_objective FOR EACH "
        "ROW WHEN EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id "
        "FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id WHERE g.id = NEW.goal_id)) "
        "BEGIN SELECT RAISE(ABORT, 'a signed plan version never changes; revise it to make a new "
        "version'); END;"
    ),
    (
        "CREATE TRIGGER plans_signed_objective_update BEFORE UPDATE ON plans_objective FOR EACH "
        "ROW WHEN EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id "
        "FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id WHERE g.id = OLD.goal_id)) "
        "OR EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id FROM "
        "plans_goal g JOIN plans_problem p ON p.id = g.problem_id WHERE g.id = NEW.goal_id)) "
        "BEGIN SELECT RAISE(ABORT, 'a signed plan version never changes; revise it to make a new "
        "version'); END;"
    ),
    (
        "CREATE TRIGGER plans_signed_objective_delete BEFORE DELETE ON plans_objective FOR EACH "
        "ROW WHEN EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id "
        "FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id WHERE g.id = OLD.goal_id)) "
        "BEGIN SELECT RAISE(ABORT, 'a signed plan version never changes; revise it to make a new "
        "version'); END;"
    ),
    (
        "CREATE TRIGGER plans_signed_intervention_insert BEFORE INSERT ON plans_intervention FOR "
        "EACH ROW WHEN EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT "
        "p.plan_id FROM plans_objective o JOIN plans_goal g ON g.id = o.goal_id JOIN "
        "plans_problem p ON p.id = g.problem_id WHERE o.id = NEW.objective_id)) BEGIN SELECT "
        "RAISE(ABORT, 'a signed plan version never changes; revise it to make a new version'); "
        "END;"
    ),
    (
        "CREATE TRIGGER plans_signed_intervention_update BEFORE UPDATE ON plans_intervention FOR "
        "EACH ROW WHEN EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT "
        "p.plan_id FROM plans_objective o JOIN plans_goal g ON g.id = o.goal_id JOIN "
        "plans_problem p ON p.id = g.problem_id WHERE o.id = OLD.objective_id)) OR EXISTS (SELECT "
        "1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id FROM plans_objective o "
        "JOIN plans_goal g ON g.id = o.goal_id JOIN plans_problem p ON p.id = g.problem_id WHERE "
        "o.id = NEW.objective_id)) BEGIN SELECT RAISE(ABORT, 'a signed plan version never "
        "changes; revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_signed_intervention_delete BEFORE DELETE ON plans_intervention FOR "
        "EACH ROW WHEN EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT "
        "p.plan_id FROM plans_objective o JOIN plans_goal g ON g.id = o.goal_id JOIN "
        "plans_problem p ON p.id = g.problem_id WHERE o.id = OLD.objective_id)) BEGIN SELECT "
        "RAISE(ABORT, 'a signed plan version never changes; revise it to make a new version'); "
        "END;"
    ),
    (
        "CREATE TRIGGER plans_signed_measuretarget_insert BEFORE INSERT ON plans_measuretarget "
        "FOR EACH ROW WHEN EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = "
        "COALESCE((SELECT p.plan_id FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id "
        "WHERE g.id = NEW.goal_id), (SELECT p.plan_id FROM plans_objective o JOIN plans_goal g ON "
        "g.id = o.goal_id JOIN plans_problem p ON p.id = g.problem_id WHERE o.id = "
        "NEW.objective_id))) BEGIN SELECT RAISE(ABORT, 'a signed plan version never changes; "
        "revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_signed_measuretarget_update BEFORE UPDATE ON plans_measuretarget "
        "FOR EACH ROW WHEN EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = "
        "COALESCE((SELECT p.plan_id FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id "
        "WHERE g.id = OLD.goal_id), (SELECT p.plan_id FROM plans_objective o JOIN plans_goal g ON "
        "g.id = o.goal_id JOIN plans_problem p ON p.id = g.problem_id WHERE o.id = "
        "OLD.objective_id))) OR EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = "
        "COALESCE((SELECT p.plan_id FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id "
        "WHERE g.id = NEW.goal_id), (SELECT p.plan_id FROM plans_objective o JOIN plans_goal g ON "
        "g.id = o.goal_id JOIN plans_problem p ON p.id = g.problem_id WHERE o.id = "
        "NEW.objective_id))) BEGIN SELECT RAISE(ABORT, 'a signed plan version never changes; "
        "revise it to make a new version'); END;"
    ),
    (
        "CREATE TRIGGER plans_signed_measuretarget_delete BEFORE DELETE ON plans_measuretarget "
        "FOR EACH ROW WHEN EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = "
        "COALESCE((SELECT p.plan_id FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id "
        "WHERE g.id = OLD.goal_id), (SELECT p.plan_id FROM plans_objective o JOIN plans_goal g ON "
        "g.id = o.goal_id JOIN plans_problem p ON p.id = g.problem_id WHERE o.id = "
        "OLD.objective_id))) BEGIN SELECT RAISE(ABORT, 'a signed plan version never changes; "
        "revise it to make a new version'); END;"
    ),
]

POSTGRESQL = [
    (
        "CREATE OR REPLACE FUNCTION plans_signed_plan_guard() RETURNS trigger AS $$ BEGIN IF "
        "EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = OLD.id) THEN IF TG_OP = "
        "'DELETE' THEN RAISE EXCEPTION 'a signed plan version never changes; revise it to make a "
        "new version' USING ERRCODE = 'restrict_violation'; END IF; IF (to_jsonb(NEW) - "
        "ARRAY['status', 'activated_at', 'closed_at', 'review_date', 'version', 'updated_at', "
        "'updated_by_id']) IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'activated_at', "
        "'closed_at', 'review_date', 'version', 'updated_at', 'updated_by_id']) THEN RAISE "
        "EXCEPTION 'a signed plan version never changes; revise it to make a new version' USING "
        "ERRCODE = 'restrict_violation'; END IF; END IF; IF TG_OP = 'DELETE' THEN RETURN OLD; END "
        "IF; RETURN NEW; END; $$ LANGUAGE plpgsql;"
    ),
    """CREATE OR REPLACE TRIGGER plans_signed_plan_guard BEFORE UPDATE OR DELETE ON plans_treatmentplan
            FOR EACH ROW EXECUTE FUNCTION plans_signed_plan_guard();""",
    """CREATE OR REPLACE FUNCTION plans_signature_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'plan signatures are append-only' USING ERRCODE = 'restrict_violation'; END; $$ LANGUAGE plpgsql;""",
    """CREATE OR REPLACE TRIGGER plans_signature_no_change BEFORE UPDATE OR DELETE
            ON plans_plansignature FOR EACH ROW EXECUTE FUNCTION plans_signature_append_only();""",
    """CREATE OR REPLACE TRIGGER plans_signature_no_truncate BEFORE TRUNCATE
            ON plans_plansignature FOR EACH STATEMENT EXECUTE FUNCTION plans_signature_append_only();""",
    (
        "CREATE OR REPLACE FUNCTION plans_signed_problem_guard() RETURNS trigger AS $$ BEGIN IF "
        "TG_OP <> 'INSERT' THEN IF EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = "
        "OLD.plan_id) THEN RAISE EXCEPTION 'a signed plan version never changes; revise it to "
        "make a new version' USING ERRCODE = 'restrict_violation'; END IF; END IF; IF TG_OP <> "
        "'DELETE' THEN IF EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = "
        "NEW.plan_id) THEN RAISE EXCEPTION 'a signed plan version never changes; revise it to "
        "make a new version' USING ERRCODE = 'restrict_violation'; END IF; END IF; IF TG_OP = "
        "'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql;"
    ),
    """CREATE OR REPLACE TRIGGER plans_signed_problem_guard
                BEFORE INSERT OR UPDATE OR DELETE ON plans_problem
                FOR EACH ROW EXECUTE FUNCTION plans_signed_problem_guard();""",
    (
        "CREATE OR REPLACE FUNCTION plans_signed_goal_guard() RETURNS trigger AS $$ BEGIN IF "
        "TG_OP <> 'INSERT' THEN IF EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = "
        "(SELECT p.plan_id FROM plans_problem p WHERE p.id = OLD.problem_id)) THEN RAISE "
        "EXCEPTION 'a signed plan version never changes; revise it to make a new version' USING "
        "ERRCODE = 'restrict_violation'; END IF; END IF; IF TG_OP <> 'DELETE' THEN IF EXISTS "
        "(SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id FROM "
        "plans_problem p WHERE p.id = NEW.problem_id)) THEN RAISE EXCEPTION 'a signed plan "
        "version never changes; revise it to make a new version' USING ERRCODE = "
        "'restrict_violation'; END IF; END IF; IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; "
        "RETURN NEW; END; $$ LANGUAGE plpgsql;"
    ),
    """CREATE OR REPLACE TRIGGER plans_signed_goal_guard
                BEFORE INSERT OR UPDATE OR DELETE ON plans_goal
                FOR EACH ROW EXECUTE FUNCTION plans_signed_goal_guard();""",
    (
        "CREATE OR REPLACE FUNCTION plans_signed_objective_guard() RETURNS trigger AS $$ BEGIN IF "
        "TG_OP <> 'INSERT' THEN IF EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = "
        "(SELECT p.plan_id FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id WHERE "
        "g.id = OLD.goal_id)) THEN RAISE EXCEPTION 'a signed plan version never changes; revise "
        "it to make a new version' USING ERRCODE = 'restrict_violation'; END IF; END IF; IF TG_OP "
        "<> 'DELETE' THEN IF EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = "
        "(SELECT p.plan_id FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id WHERE "
        "g.id = NEW.goal_id)) THEN RAISE EXCEPTION 'a signed plan version never changes; revise "
        "it to make a new version' USING ERRCODE = 'restrict_violation'; END IF; END IF; IF TG_OP "
        "= 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql;"
    ),
    """CREATE OR REPLACE TRIGGER plans_signed_objective_guard
                BEFORE INSERT OR UPDATE OR DELETE ON plans_objective
                FOR EACH ROW EXECUTE FUNCTION plans_signed_objective_guard();""",
    (
        "CREATE OR REPLACE FUNCTION plans_signed_intervention_guard() RETURNS trigger AS $$ BEGIN "
        "IF TG_OP <> 'INSERT' THEN IF EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id "
        "= (SELECT p.plan_id FROM plans_objective o JOIN plans_goal g ON g.id = o.goal_id JOIN "
        "plans_problem p ON p.id = g.problem_id WHERE o.id = OLD.objective_id)) THEN RAISE "
        "EXCEPTION 'a signed plan version never changes; revise it to make a new version' USING "
        "ERRCODE = 'restrict_violation'; END IF; END IF; IF TG_OP <> 'DELETE' THEN IF EXISTS "
        "(SELECT 1 FROM plans_plansignature s WHERE s.plan_id = (SELECT p.plan_id FROM "
        "plans_objective o JOIN plans_goal g ON g.id = o.goal_id JOIN plans_problem p ON p.id = "
        "g.problem_id WHERE o.id = NEW.objective_id)) THEN RAISE EXCEPTION 'a signed plan version "
        "never changes; revise it to make a new version' USING ERRCODE = 'restrict_violation'; "
        "END IF; END IF; IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$ "
        "LANGUAGE plpgsql;"
    ),
    """CREATE OR REPLACE TRIGGER plans_signed_intervention_guard
                BEFORE INSERT OR UPDATE OR DELETE ON plans_intervention
                FOR EACH ROW EXECUTE FUNCTION plans_signed_intervention_guard();""",
    (
        "CREATE OR REPLACE FUNCTION plans_signed_measuretarget_guard() RETURNS trigger AS $$ "
        "BEGIN IF TG_OP <> 'INSERT' THEN IF EXISTS (SELECT 1 FROM plans_plansignature s WHERE "
        "s.plan_id = COALESCE((SELECT p.plan_id FROM plans_goal g JOIN plans_problem p ON p.id = "
        "g.problem_id WHERE g.id = OLD.goal_id), (SELECT p.plan_id FROM plans_objective o JOIN "
        "plans_goal g ON g.id = o.goal_id JOIN plans_problem p ON p.id = g.problem_id WHERE o.id "
        "= OLD.objective_id))) THEN RAISE EXCEPTION 'a signed plan version never changes; revise "
        "it to make a new version' USING ERRCODE = 'restrict_violation'; END IF; END IF; IF TG_OP "
        "<> 'DELETE' THEN IF EXISTS (SELECT 1 FROM plans_plansignature s WHERE s.plan_id = "
        "COALESCE((SELECT p.plan_id FROM plans_goal g JOIN plans_problem p ON p.id = g.problem_id "
        "WHERE g.id = NEW.goal_id), (SELECT p.plan_id FROM plans_objective o JOIN plans_goal g ON "
        "g.id = o.goal_id JOIN plans_problem p ON p.id = g.problem_id WHERE o.id = "
        "NEW.objective_id))) THEN RAISE EXCEPTION 'a signed plan version never changes; revise it "
        "to make a new version' USING ERRCODE = 'restrict_violation'; END IF; END IF; IF TG_OP = "
        "'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql;"
    ),
    """CREATE OR REPLACE TRIGGER plans_signed_measuretarget_guard
                BEFORE INSERT OR UPDATE OR DELETE ON plans_measuretarget
                FOR EACH ROW EXECUTE FUNCTION plans_signed_measuretarget_guard();""",
]


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_reviews_and_signatures")]

    operations = [InstallTriggers("signed plans", sqlite=SQLITE, postgresql=POSTGRESQL)]
