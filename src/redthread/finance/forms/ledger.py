"""The ledger upload form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin

MAX_UPLOAD = 2 * 1024 * 1024 * 1024


class LedgerUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil från ekonomisystemet"),
        help_text=_(
            "SIE 4 (verifikationer, .se eller .si), SIE 2 eller 3 (periodsaldon) eller CSV. "
            "En ny import av samma månader ersätter den tidigare."
        ),
        error_messages={"required": _("Välj filen som ska läsas in.")},
    )
    dry_run = forms.BooleanField(label=_("Kontrollera bara filen, läs inte in den"), required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Filen är större än 2 GB; dela upp den per period."))
        return upload
