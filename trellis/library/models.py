"""A practice's own plan templates. The shipped library is data (``trellis/data/templates``);
a practice's copies and saved plans are rows holding the same document as JSON."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class PracticeTemplate(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    practice = models.ForeignKey(
        "accounts.Practice", on_delete=models.PROTECT, related_name="plan_templates"
    )
    title = models.CharField(max_length=200)
    content = models.JSONField(help_text="The template, in the shape of the shipped YAML files.")
    based_on = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def key(self) -> str:
        return f"practice-{self.pk.hex}"
