"""The demo: two invented practices, their staff, and synthetic clients with plans.

The stories are data a clinician can review, in `trellis/data/demo/` (`staff.yaml`, and
one file per client under `clients/`); `stories` reads and checks them, `seed` loads them
through the same services a clinician's clicks use, and `trellis seed-demo` runs it.
This app sits at the top: it may use every domain app, and nothing uses it.

Most clients have a history of outcome measures matching their problems, given as the
answers the client marked, with measure-linked targets on their goals and objectives.
Between them the targets show every status a clinician meets: met, on track, not
improving, deteriorated and not yet measured (a new client's baseline). Harold's latest
PHQ-9 has item 9 positive and no response yet, so his page shows the critical-item
banner; two earlier positive answers have their responses.

Each plan in force has weekly session notes (DAP, SOAP or BIRP) rating its goals as the
scores move, signed by their author; Harold's latest, which records the risk
assessment, is still a draft. Tessa has had no session for four weeks. Plans schedule
their measures (Harold's monthly AUDIT is due), Dana's and Noah's plans are signed by
clinician and client, Noah's review came due and the plan goes on, and a revised
version of Luis's plan waits as a draft for his overdue review. So the caseload
dashboard shows a working week: a critical item, deterioration, an overdue review, a
lapse in sessions, measures due and targets met, and clients who need nothing.

Plan dates, deadlines, scores and sessions are days from today, so reviews come due, fall
overdue and scores stay recent in any month the demo is loaded (signatures carry the
time of loading). Birth dates are fixed, because a client is found again by them; the
adolescent stays under 18 until 2029.

Every person, phone number (555-01xx) and address here is invented. The clinical text
is this project's own, written to show sound, evidence-based planning.
"""
