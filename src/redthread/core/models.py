"""The base of every domain model: an audit trail and a version number."""

from __future__ import annotations

from typing import Any

from django.db import models
from simple_history.models import HistoricalRecords


class DomainModel(models.Model):
    """Every domain object keeps its history and carries a version.

    History answers the revisor's question "who changed this, when, and what was it
    before"; the version lets a save based on an old copy be refused instead of
    silently overwriting someone else's change.
    """

    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)
