"""Outgoing mail: one service renders every mail from templates (a text and an HTML part),
records who was mailed about what, and hands it to the worker, so a down SMTP server delays
mail instead of failing the request that asked for it."""
