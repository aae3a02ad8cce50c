from .frameworks import (
    Area,
    Criterion,
    EvidenceKind,
    Framework,
    FrameworkVersion,
    ScalePoint,
    Scope,
)
from .observations import Channel, Evidence, Observation, Reply, SecondScore, Sheet
from .reports import MonitoringReport
from .requests import InformationRequest
from .rounds import Membership, Round

__all__ = [
    "Area",
    "Channel",
    "Criterion",
    "Evidence",
    "EvidenceKind",
    "Framework",
    "FrameworkVersion",
    "InformationRequest",
    "Membership",
    "MonitoringReport",
    "Observation",
    "Reply",
    "Round",
    "ScalePoint",
    "Scope",
    "SecondScore",
    "Sheet",
]
