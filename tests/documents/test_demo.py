from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from redthread.documents.models import DocumentFile, GoverningDocument


@pytest.fixture
def demo(transactional_db: Any, settings: Any) -> None:
    call_command("flush", interactive=False, verbosity=0)
    settings.DEMO_MODE = True
    with time_machine.travel(dt.date(2026, 11, 28)):
        call_command("load_demo", "--only", "organisation", "documents", verbosity=0)


def test_the_ledningssystem_is_the_first_document_per_the_seed(demo: None) -> None:
    document = GoverningDocument.objects.get(title="Mjölby kommuns ledningssystem")
    assert document.decision is not None
    assert document.decision.citation == "KF 2018-12-18 § 194, dnr 2018:327"
    assert document.owner.title == "Kommundirektör"
    assert document.kind == "what" and document.is_public and not document.is_illustrative
    assert DocumentFile.objects.filter(document=document, text__icontains="ledstjärna").exists()


def test_thirty_documents_a_third_due_for_review_within_a_year(demo: None) -> None:
    documents = GoverningDocument.objects.all()
    assert documents.count() == 30
    assert documents.due_for_review(365, today=dt.date(2026, 11, 28)).count() == 10
    assert documents.filter(kind="how").count() >= 5
    replaced = documents.get(title="Finanspolicy", state=GoverningDocument.State.REVOKED)
    assert replaced.successor is not None and replaced.successor.title == "Finanspolicy"


def test_the_demo_loads_twice_to_the_same_data(demo: None) -> None:
    before = (GoverningDocument.history.count(), DocumentFile.objects.count())
    with time_machine.travel(dt.date(2026, 11, 28)):
        call_command("load_demo", "--only", "organisation", "documents", verbosity=0)
    assert (GoverningDocument.history.count(), DocumentFile.objects.count()) == before
