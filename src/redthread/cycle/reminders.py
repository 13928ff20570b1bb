"""Deadline reminders: e-mail the responsible people before a step's deadline and when it is late.

The days are the årshjul's settings (``reminder_days``, ``overdue_reminder_days``). A run
sends, per event and person, the one reminder that applies today, and records it in
``ReminderLog`` in the same transaction as the sending; a reminder already in the log is
never sent again, however often the run is repeated and even when two runs overlap (the
log's unique constraint decides). A run that missed days sends the most pressing reminder
only, not every one it missed.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from redthread.core.audit import acting_as
from redthread.cycle.models.events import CycleEvent, ReminderLog
from redthread.cycle.models.template import AnnualCycle
from redthread.cycle.responsibility import preparers
from redthread.organisation.models import Person

logger = logging.getLogger(__name__)

# An overdue reminder is sent within this many days of its day, never later: a new
# installation does not mail about every step that was late last spring.
OVERDUE_WINDOW = 7


@dataclass(frozen=True)
class Due:
    event: CycleEvent
    kind: str
    days: int


@dataclass
class Run:
    sent: list[ReminderLog] = field(default_factory=list)
    already_sent: int = 0
    failed: int = 0
    without_email: int = 0

    def summary(self) -> str:
        return (
            f"sent {len(self.sent)}, already sent {self.already_sent}, "
            f"failed {self.failed}, recipients without e-mail {self.without_email}"
        )


def due_reminders(cycle: AnnualCycle, today: dt.date) -> list[Due]:
    """The reminders that apply today, at most one per event."""
    before, overdue = cycle.reminder_offsets, cycle.overdue_offsets
    if not before and not overdue:
        return []
    horizon_back = today - dt.timedelta(days=max(overdue, default=0) + OVERDUE_WINDOW)
    horizon_ahead = today + dt.timedelta(days=max(before, default=0))
    events = (
        CycleEvent.objects.filter(step__cycle=cycle, step__is_active=True)
        .pending()
        .filter(ends_on__gte=horizon_back, ends_on__lte=horizon_ahead)
        .select_related("step__owner", "step__cycle__municipality")
    )
    due: list[Due] = []
    for event in events:
        if event.ends_on >= today:
            left = (event.ends_on - today).days
            applicable = [d for d in before if left <= d]
            if applicable:
                due.append(Due(event, ReminderLog.Kind.BEFORE, min(applicable)))
        else:
            late = (today - event.ends_on).days
            applicable = [d for d in overdue if d <= late < d + OVERDUE_WINDOW]
            if applicable:
                due.append(Due(event, ReminderLog.Kind.OVERDUE, max(applicable)))
    return due


def send_due_reminders(today: dt.date | None = None) -> Run:
    """Send every reminder due today for every municipality's årshjul. Safe to repeat."""
    from redthread.core.management.commands.load_demo import system_user

    today = today or timezone.localdate()
    run = Run()
    with acting_as(system_user()), translation.override(settings.LANGUAGE_CODE):
        for cycle in AnnualCycle.objects.select_related("municipality"):
            _send_for_cycle(cycle, today, run)
    logger.info("Reminders %s: %s", today, run.summary())
    return run


def _send_for_cycle(cycle: AnnualCycle, today: dt.date, run: Run) -> None:
    due = due_reminders(cycle, today)
    if not due:
        return
    people_by_kind = preparers(cycle.municipality)
    wanted_ids = set().union(*people_by_kind.values()) | {
        d.event.step.owner_id for d in due if d.event.step.owner_id
    }
    people = Person.objects.in_bulk(wanted_ids)
    logged = set(
        ReminderLog.objects.filter(event__in=[d.event for d in due]).values_list(
            "event_id", "person_id", "kind", "days", "due_on"
        )
    )
    for item in due:
        ids = set(people_by_kind.get(item.event.step.responsible, set()))
        if item.event.step.owner_id:
            ids.add(item.event.step.owner_id)
        for person_id in sorted(ids):
            person = people.get(person_id)
            if person is None:
                continue
            key = (item.event.pk, person.pk, item.kind, item.days, item.event.ends_on)
            if key in logged:
                run.already_sent += 1
                continue
            if not person.email:
                run.without_email += 1
                continue
            _send_one(item, person, today, run)


def _send_one(item: Due, person: Person, today: dt.date, run: Run) -> None:
    event = item.event
    try:
        with transaction.atomic():
            log = ReminderLog.objects.create(
                event=event,
                person=person,
                kind=item.kind,
                days=item.days,
                due_on=event.ends_on,
                email=person.email,
            )
            subject, body = compose(item, person, today)
            send_mail(subject, body, None, [person.email])
    except IntegrityError:
        run.already_sent += 1  # another run sent it a moment ago
        return
    except Exception:
        logger.exception("Reminder for %s to %s could not be sent", event, person.email)
        run.failed += 1  # the log row is rolled back: the next run tries again
        return
    run.sent.append(log)


def compose(item: Due, person: Person, today: dt.date) -> tuple[str, str]:
    event = item.event
    step = event.step
    deadline = f"{event.ends_on:%Y-%m-%d}"
    if item.kind == ReminderLog.Kind.BEFORE:
        left = (event.ends_on - today).days
        subject = _("Påminnelse: %(name)s – senast %(date)s") % {
            "name": event.name,
            "date": deadline,
        }
        when = (
            _("Sista dag är i dag, %(date)s.") % {"date": deadline}
            if left == 0
            else _("Sista dag är %(date)s, om %(days)s dagar.") % {"date": deadline, "days": left}
        )
    else:
        late = (today - event.ends_on).days
        subject = _("Försenat: %(name)s – sista dag var %(date)s") % {
            "name": event.name,
            "date": deadline,
        }
        when = _(
            "Sista dag var %(date)s, för %(days)s dagar sedan, och steget är inte markerat som "
            "klart. Är det klart? Be kvalitetsstrategen markera det, eller svara med vad som "
            "återstår."
        ) % {"date": deadline, "days": late}
    lines = [
        _("Hej %(name)s,") % {"name": person.first_name},
        "",
        _("Ett steg i årshjulet för %(municipality)s som du är ansvarig för:")
        % {"municipality": step.cycle.municipality.name},
        "",
        event.name,
        when,
        _("Ansvarig: %(responsible)s") % {"responsible": step.get_responsible_display()},
    ]
    if event.variant_note:
        lines.append(event.variant_note)
    if step.description:
        lines += ["", step.description]
    lines += [
        "",
        _("Se steget: %(url)s") % {"url": settings.REDTHREAD_BASE_URL + event.get_absolute_url()},
        "",
        _("Ett automatiskt meddelande från Röda tråden."),
    ]
    return subject, "\n".join(str(line) for line in lines)
