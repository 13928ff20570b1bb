"""Forms: the public form, registration on a person's behalf, and the handling forms."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from redthread.core.forms import StyledFormMixin
from redthread.feedback.models import AnswerTemplate, Category, ServiceRequest
from redthread.feedback.models.case import MAX_DESCRIPTION, Channel, Kind, State
from redthread.feedback.photos import MAX_PHOTOS, PhotoError, clean_photo
from redthread.organisation.models import Person, Unit


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is cleaned on its own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _coordinate(value: str, low: int, high: int, label: str) -> Decimal | None:
    text = value.strip().replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise forms.ValidationError(
            _("Skriv %(what)s som ett decimaltal, t.ex. 58,3245.") % {"what": label}
        ) from None
    if not (low <= number <= high):
        raise forms.ValidationError(
            _("%(what)s måste ligga mellan %(low)s och %(high)s.")
            % {"what": label, "low": low, "high": high}
        )
    return number.quantize(Decimal("0.000001"))


class ServiceRequestForm(StyledFormMixin, forms.Form):
    """What a person tells the municipality; contact details only if they want an answer."""

    kind = forms.ChoiceField(
        label=_("Vad vill du lämna?"), choices=Kind.choices, widget=forms.RadioSelect
    )
    category = forms.ModelChoiceField(
        label=_("Vad gäller det?"),
        queryset=Category.objects.none(),
        empty_label=_("Välj ett område"),
        error_messages={"invalid_choice": _("Välj ett av områdena i listan.")},
    )
    description = forms.CharField(
        label=_("Beskriv"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Högst 4 000 tecken. Skriv inte personnummer eller uppgifter om din hälsa."),
    )
    address = forms.CharField(
        label=_("Adress eller plats"),
        max_length=200,
        required=False,
        help_text=_("T.ex. Storgatan 12, Mantorp, eller ”gångvägen bakom Hagaskolan”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    latitude = forms.CharField(
        label=_("Latitud"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    longitude = forms.CharField(
        label=_("Longitud"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    photos = MultipleFileField(
        label=_("Foton"),
        required=False,
        help_text=_(
            "Högst tre JPEG- eller PNG-bilder, högst 5 MB var. Platsuppgifter i bilden tas bort."
        ),
    )
    wants_answer = forms.BooleanField(label=_("Jag vill ha svar"), required=False)
    contact_name = forms.CharField(
        label=_("Namn"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("E-post"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Skriv en e-postadress som namn@exempel.se.")},
    )
    contact_phone = forms.CharField(
        label=_("Telefon"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(
        label=_(
            "Jag samtycker till att kommunen sparar mina kontaktuppgifter för att svara mig. "
            "De tas bort när ärendet har varit avslutat en tid."
        ),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Category.objects.active()
        self.cleaned_photos: list[Any] = []

    def clean_latitude(self) -> Decimal | None:
        return _coordinate(self.cleaned_data.get("latitude", ""), -90, 90, str(_("Latitud")))

    def clean_longitude(self) -> Decimal | None:
        return _coordinate(self.cleaned_data.get("longitude", ""), -180, 180, str(_("Longitud")))

    def clean_photos(self) -> list[Any]:
        files = self.cleaned_data.get("photos") or []
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(_("Skicka högst tre bilder."))
        cleaned = []
        for upload in files:
            try:
                cleaned.append(clean_photo(upload))
            except PhotoError as error:
                raise forms.ValidationError(str(error)) from None
        self.cleaned_photos = cleaned
        return list(files)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None) and not self.errors.get("latitude"):
            self.add_error(
                "longitude" if lon is None else "latitude",
                _("Fyll i både latitud och longitud, eller ingen av dem."),
            )
        if data.get("kind") == Kind.FAULT and not data.get("address") and lat is None:
            self.add_error(
                "address",
                _("Skriv var felet finns: en adress, en plats eller koordinater."),
            )
        contact = any(data.get(f) for f in ("contact_name", "contact_email", "contact_phone"))
        if data.get("wants_answer"):
            if not data.get("contact_email") and not data.get("contact_phone"):
                self.add_error(
                    "contact_email",
                    _("Skriv din e-postadress eller ditt telefonnummer så att vi kan svara."),
                )
            if not data.get("consent"):
                self.add_error(
                    "consent",
                    _("Kryssa i samtycket, annars kan vi inte spara dina kontaktuppgifter."),
                )
        elif contact:
            self.add_error(
                "wants_answer",
                _(
                    "Kryssa i ”Jag vill ha svar” om vi ska spara dina kontaktuppgifter, eller töm fälten."
                ),
            )
        return data

    def case_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values: dict[str, Any] = {
            "kind": data["kind"],
            "category": data["category"],
            "description": data["description"].strip(),
            "address": data.get("address", "").strip(),
            "latitude": data.get("latitude"),
            "longitude": data.get("longitude"),
            "wants_answer": bool(data.get("wants_answer")),
        }
        if values["wants_answer"]:
            values.update(
                contact_name=data.get("contact_name", "").strip(),
                contact_email=data.get("contact_email", "").strip(),
                contact_phone=data.get("contact_phone", "").strip(),
            )
        return values


class PublicForm(ServiceRequestForm):
    """The public form, with a field people never see and bots fill in."""

    website = forms.CharField(label=_("Lämna detta fält tomt"), required=False)

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("Formuläret kunde inte skickas. Ladda om sidan och försök igen.")
            )
        return ""


class RegisterForm(ServiceRequestForm):
    """An employee registers a synpunkt received by phone, e-mail, letter or visit."""

    channel = forms.ChoiceField(
        label=_("Hur kom synpunkten in?"),
        choices=[(c.value, c.label) for c in Channel if c not in (Channel.WEB, Channel.OPEN311)],
    )
    consent = forms.BooleanField(
        label=_("Personen samtycker till att kommunen sparar kontaktuppgifterna för att svara."),
        required=False,
    )


class AssignForm(StyledFormMixin, forms.Form):
    person = forms.ModelChoiceField(
        label=_("Handläggare"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Ingen"),
    )

    def __init__(self, *args: Any, case: ServiceRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = candidates_for(case)


def candidates_for(case: ServiceRequest) -> Any:
    """Who a case can be assigned to: the category's handläggare and the unit's people."""
    from django.db.models import Q

    from redthread.organisation.models import Assignment

    unit_people = Assignment.objects.current().filter(unit__path__startswith=case.unit.path)
    return (
        Person.objects.filter(
            Q(feedback_categories=case.category) | Q(pk__in=unit_people.values("person_id"))
        )
        .filter(user__isnull=False)
        .distinct()
        .order_by("last_name", "first_name")
    )


class TransitionForm(StyledFormMixin, forms.Form):
    state = forms.ChoiceField(label=_("Ny status"), choices=State.choices)
    status_note = forms.CharField(
        label=_("Offentlig kommentar"),
        max_length=500,
        required=False,
        help_text=_("Visas på statussidan. Skriv inga personuppgifter."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    duplicate_of = forms.CharField(
        label=_("Dubblett av (referensnummer)"), max_length=20, required=False
    )

    def __init__(self, *args: Any, case: ServiceRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["state"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s.value, s.label) for s in case.allowed_states()]
        self.fields["status_note"].initial = case.status_note

    def clean_duplicate_of(self) -> ServiceRequest | None:
        reference = self.cleaned_data.get("duplicate_of", "").strip().upper()
        if not reference:
            return None
        found = ServiceRequest.objects.filter(reference=reference).first()
        if found is None:
            raise forms.ValidationError(_("Det finns inget ärende med det referensnumret."))
        return found


class NoteForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Intern anteckning"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(StyledFormMixin, forms.Form):
    channel = forms.ChoiceField(label=_("Hur svarar du?"), choices=[])
    subject = forms.CharField(label=_("Ämnesrad"), max_length=150, required=False)
    body = forms.CharField(
        label=_("Svar"), max_length=8000, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args: Any, case: ServiceRequest, **kwargs: Any) -> None:
        from redthread.feedback.models import Answer

        super().__init__(*args, **kwargs)
        choices = [(c.value, c.label) for c in Answer.Channel]
        if not case.may_answer_by_email:
            choices = [c for c in choices if c[0] != Answer.Channel.EMAIL]
        field = self.fields["channel"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("channel") == "email" and not data.get("subject"):
            self.add_error("subject", _("Skriv en ämnesrad till e-postmeddelandet."))
        return data


def templates_for(case: ServiceRequest) -> Any:
    from django.db.models import Q

    return AnswerTemplate.objects.filter(is_active=True).filter(
        Q(category__isnull=True) | Q(category=case.category_id)
    )


class EditForm(StyledFormMixin, forms.ModelForm[ServiceRequest]):
    """What a handläggare may correct: category, unit and what is public."""

    class Meta:
        model = ServiceRequest
        fields = ["kind", "category", "unit", "address", "publish_description", "status_note"]
        widgets = {"status_note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = Unit.objects.filter(municipality=self.instance.municipality_id)
