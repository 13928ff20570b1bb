"""The forecast form: the nämnd as a whole and each verksamhet, with comments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin
from redthread.finance.forms.common import KronorField
from redthread.finance.models import ActivityCode


class ForecastForm(StyledFormMixin, forms.Form):
    """``total``/``comment`` for the nämnd and ``a-<code>``/``c-<code>`` per verksamhet."""

    def __init__(
        self,
        *args: Any,
        activities: list[ActivityCode],
        initial_values: dict[str, tuple[int | None, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.activities = activities
        total, comment = initial_values.get("", (None, ""))
        self.fields["total"] = KronorField(
            label=_("Prognos för nämnden, helår (nettokostnad)"), initial=total
        )
        self.fields["comment"] = forms.CharField(
            label=_("Kommentar till prognosen"),
            widget=forms.Textarea(attrs={"rows": 3}),
            required=False,
            initial=comment,
        )
        for activity in activities:
            value, note = initial_values.get(activity.code, (None, ""))
            self.fields[f"a-{activity.code}"] = KronorField(
                label=str(activity), required=False, initial=value
            )
            self.fields[f"c-{activity.code}"] = forms.CharField(
                label=_("Kommentar, %(activity)s") % {"activity": activity.name or activity.code},
                required=False,
                initial=note,
                max_length=2000,
            )

    def activity_rows(self) -> list[tuple[ActivityCode, forms.BoundField, forms.BoundField]]:
        return [(a, self[f"a-{a.code}"], self[f"c-{a.code}"]) for a in self.activities]
