from __future__ import annotations

from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "redthread.finance"
    label = "finance"
