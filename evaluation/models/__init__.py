from evaluation.reports.models import AnnualReportOutput, AnnualReportRun, AnnualReportSection  # noqa: F401

from .comments import CommentFlag, CommentOutcome
from .fhir import (
    FhirAccessToken,
    FhirClient,
    FhirClientAssertion,
    FhirExport,
    FhirExportStatus,
    FhirReturnIdentifier,
)
from .imports import ImportFileKind, ReturnImport
from .instruments import (
    ChangeThreshold,
    Instrument,
    InstrumentItem,
    InstrumentLocked,
    ItemGroup,
    MeasureKind,
    OptionCategory,
    ResponseOption,
    ScoreMeasure,
    ScoringRuleKind,
    ThresholdDirection,
    ThresholdKind,
)
from .returns import Completion, PremReturn, PromReturn, ReturnContext, Timepoint
from .spc import SpcLimitChange, SpcMeasure

__all__ = [
    "ChangeThreshold",
    "CommentFlag",
    "CommentOutcome",
    "Completion",
    "FhirAccessToken",
    "FhirClient",
    "FhirClientAssertion",
    "FhirExport",
    "FhirExportStatus",
    "FhirReturnIdentifier",
    "ImportFileKind",
    "Instrument",
    "InstrumentItem",
    "InstrumentLocked",
    "ItemGroup",
    "MeasureKind",
    "OptionCategory",
    "PremReturn",
    "PromReturn",
    "ResponseOption",
    "ReturnContext",
    "ReturnImport",
    "ScoreMeasure",
    "ScoringRuleKind",
    "SpcLimitChange",
    "SpcMeasure",
    "ThresholdDirection",
    "ThresholdKind",
    "Timepoint",
]
