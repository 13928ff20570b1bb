"""Producing the month's internal charges from the leases and the IT model."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from redthread.finance.ledger_import import ImportRefused, ensure_months_writable
from redthread.finance.models import InternalCharge, InternalLease, ItChargeModel
from redthread.finance.models.structure import default_body_for
from redthread.organisation.models import Municipality, Unit


def generate_charges(municipality: Municipality, year: int, month: int) -> int:
    """Replace the month's internal charges; refused when the month is in a closed period."""
    try:
        ensure_months_writable(municipality, {(year, month)})
    except ImportRefused as error:
        from django.core.exceptions import ValidationError

        raise ValidationError(str(error)) from None
    with transaction.atomic():
        InternalCharge.objects.filter(municipality=municipality, year=year, month=month).delete()
        charges = []
        for lease in InternalLease.objects.filter(municipality=municipality).select_related(
            "tenant", "responsibility"
        ):
            amount = lease.monthly_charge(year, month)
            if not amount:
                continue
            body = (
                lease.responsibility.body
                if lease.responsibility and lease.responsibility.body_id
                else default_body_for(lease.tenant)
            )
            charges.append(
                InternalCharge(
                    municipality=municipality,
                    kind=InternalCharge.Kind.RENT,
                    year=year,
                    month=month,
                    unit=lease.tenant,
                    body=body,
                    lease=lease,
                    amount=amount,
                    text=_("Internhyra %(premises)s") % {"premises": lease.premises},
                )
            )
        model = ItChargeModel.objects.filter(municipality=municipality, year=year).first()
        if model is not None:
            units = Unit.objects.in_bulk(list(model.charges_by_unit()))
            for unit_id, yearly in model.charges_by_unit().items():
                unit = units[unit_id]
                charges.append(
                    InternalCharge(
                        municipality=municipality,
                        kind=InternalCharge.Kind.IT,
                        year=year,
                        month=month,
                        unit=unit,
                        body=default_body_for(unit),
                        amount=round(yearly / 12),
                        text=_("It-debitering enligt prislistan"),
                    )
                )
        for charge in charges:
            charge.save()
    return len(charges)
