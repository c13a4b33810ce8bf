"""Reviews of the plan in force: the evidence since the last review, the decision and what
follows from it, and which plans are due (``due``) for the caseload dashboard."""
