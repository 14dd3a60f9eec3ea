"""The four real action plans, transcribed from shared/seeds (å/ä/ö corrected)."""

from importlib import import_module
from typing import Any

PLAN_MODULES = ("bromma_2020", "ostermalm_2021", "skarpnack_2021", "ostermalm_2023")


def real_plans() -> list[dict[str, Any]]:
    return [import_module(f"seed.plans.{name}").PLAN for name in PLAN_MODULES]
