from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _


class StyledFormMixin:
    """Bootstrap classes on every widget, and ``aria-describedby`` for help and errors."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(
                widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple
            ):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}_help"

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = (
                    f"{attrs.get('aria-describedby', '')} id_{name}_error".strip()
                )


class VersionConflict(Exception):
    """The object changed since the form was opened."""


class VersionedFormMixin:
    """No lost updates: a save based on an old version of the object is refused.

    The form carries the version it was opened with; ``clean`` compares it with the stored
    one and, when someone else has saved in between, says who changed what. The check and the
    save run in one transaction with the row locked (``save`` below), so two saves can never
    both pass.
    """

    instance: Any
    fields: dict[str, forms.Field]
    conflict_changes: list[Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput,
            required=False,
            initial=getattr(self.instance, "version", None),
        )
        self.conflict_changes = []

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        instance = self.instance
        expected = cleaned.get("version")
        if instance.pk and expected is not None:
            stored = (
                type(instance)
                ._default_manager.filter(pk=instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if stored is not None and stored != expected:
                self.conflict_changes = changes_since(instance, expected)
                raise forms.ValidationError(
                    _(
                        "Någon annan har sparat ändringar sedan du öppnade sidan. Deras ändringar "
                        "visas nedan; dina ändringar är inte sparade. Ladda om sidan och gör om "
                        "din ändring."
                    ),
                    code="conflict",
                )
        return cleaned

    def save(self, commit: bool = True) -> Any:
        if not commit or not self.instance.pk:
            return super().save(commit=commit)  # type: ignore[misc]
        with transaction.atomic():
            model = type(self.instance)
            stored = (
                model._default_manager.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            expected = self.cleaned_data.get("version")  # type: ignore[attr-defined]
            if expected is not None and stored != expected:
                raise VersionConflict
            self.instance.version = stored
            return super().save(commit=True)  # type: ignore[misc]

    @property
    def has_conflict(self) -> bool:
        return any(e.code == "conflict" for e in self.non_field_errors().as_data())  # type: ignore[attr-defined]


def changes_since(instance: Any, version: int) -> list[Any]:
    """The history entries written after ``version``: who changed what, before and after."""
    from redthread.core.audit import history_of

    entries = history_of(instance)
    return [e for e in entries if e.version is not None and e.version > version]


def save_versioned(form: Any) -> Any | None:
    """Save a valid versioned form; ``None`` when another save won the race (form gets the error)."""
    try:
        return form.save()
    except VersionConflict:
        form.conflict_changes = changes_since(form.instance, form.cleaned_data.get("version") or 0)
        form.add_error(
            None,
            forms.ValidationError(
                _(
                    "Någon annan sparade samtidigt. Deras ändringar visas nedan; ladda om sidan och gör om din ändring."
                ),
                code="conflict",
            ),
        )
        return None


def invalid_status(form: Any) -> int:
    """409 for a conflict with someone else's save, 400 for anything else the user must correct."""
    return 409 if getattr(form, "has_conflict", False) else 400
