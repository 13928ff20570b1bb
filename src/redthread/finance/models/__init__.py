"""The finance models, one module per part of ekonomistyrningen."""

from redthread.finance.models.allocation import (
    AgeGroup,
    AllocationAdjustment,
    AllocationBridge,
    AllocationModel,
    AllocationYear,
    DemographicDriver,
    PopulationFigure,
)
from redthread.finance.models.balance import BalanceRequirement, Deficit, FinancialGoal, deficits
from redthread.finance.models.budget import (
    BudgetChange,
    BudgetChangeLine,
    BudgetYear,
    CarryOverRule,
    ChangeLine,
    OperatingFrame,
    UnallocatedReserve,
    bridge,
)
from redthread.finance.models.detail import BudgetLine, CapitalBudget
from redthread.finance.models.followup import Forecast
from redthread.finance.models.fund import FundApplication, FundCost, SocialInvestmentFund
from redthread.finance.models.group import CompanyAccounts, PersonnelFigures
from redthread.finance.models.internal import (
    InternalCharge,
    InternalLease,
    ItChargeModel,
    ItPriceItem,
    ItUsage,
    PremisesAdaptation,
)
from redthread.finance.models.ledger import (
    ImportJob,
    LedgerBalance,
    LedgerEntry,
    LedgerImport,
    LedgerSummary,
)
from redthread.finance.models.structure import (
    Account,
    ActivityCode,
    LedgerSettings,
    ProjectCode,
    ResponsibilityCode,
)

__all__ = [
    "Account",
    "ActivityCode",
    "AgeGroup",
    "AllocationAdjustment",
    "AllocationBridge",
    "AllocationModel",
    "AllocationYear",
    "BalanceRequirement",
    "BudgetChange",
    "BudgetChangeLine",
    "BudgetLine",
    "BudgetYear",
    "CapitalBudget",
    "CarryOverRule",
    "ChangeLine",
    "CompanyAccounts",
    "Deficit",
    "DemographicDriver",
    "FinancialGoal",
    "Forecast",
    "FundApplication",
    "FundCost",
    "ImportJob",
    "InternalCharge",
    "InternalLease",
    "ItChargeModel",
    "ItPriceItem",
    "ItUsage",
    "LedgerBalance",
    "LedgerEntry",
    "LedgerImport",
    "LedgerSettings",
    "LedgerSummary",
    "OperatingFrame",
    "PersonnelFigures",
    "PopulationFigure",
    "PremisesAdaptation",
    "ProjectCode",
    "ResponsibilityCode",
    "SocialInvestmentFund",
    "UnallocatedReserve",
    "bridge",
    "deficits",
]
