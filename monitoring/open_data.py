"""A published scorecard as open data (``rounds/<slug>/scorecard.json``): the round, its
framework version, the figures overall, by area, by settlement and by criterion, and every cell.
No names and no evidence: those stay on the pages, under their own rules."""

from .scorecard import shown


def _figure_data(figure):
    return {
        "points": int(figure.points),
        "maximum": int(figure.maximum),
        "percent": _number(figure.shown),
    }


def _compared(figure, previous_percent):
    return _figure_data(figure) | {"previous_percent": _number(shown(previous_percent))}


def _number(value):
    return None if value is None else float(value)


def open_data(card):
    """The scorecard as open data: the round, its framework version, the figures, every cell and
    the criteria with their scales. Nothing about people and no evidence: the findings are a link
    away, on pages that show only what is public."""
    round_ = card.round
    version = round_.version
    previous_overall = card.previous_overall.percent if card.previous_overall else None
    return {
        "round": {
            "title": round_.title,
            "slug": round_.slug,
            "status": round_.status,
            "period_start": round_.period_start.isoformat(),
            "period_end": round_.period_end.isoformat(),
            "published_at": round_.published_at.isoformat() if round_.published_at else None,
            "previous_round": card.previous.slug if card.previous else None,
        },
        "framework": {
            "name": version.framework.name,
            "slug": version.framework.slug,
            "version": version.number,
        },
        "method": (
            "percent = 100 × Σ weight × final score / Σ weight × top of the scale, over the cells "
            "with a final score; cells not applicable count in neither"
        ),
        "overall": _compared(card.overall, previous_overall),
        "areas": [
            {"code": row.area.code, "name": row.area.name}
            | _compared(row.figure, row.previous_percent)
            for row in card.areas
        ],
        "settlements": [
            {
                "slug": row.settlement.slug,
                "name": row.settlement.name,
                "monitored": "municipal administration"
                if row.settlement.is_admin_centre
                else "mayoralty",
            }
            | _compared(row.figure, row.previous_percent)
            for row in card.settlements
        ],
        "criteria": [
            {
                "code": row.criterion.code,
                "area": row.criterion.area.code,
                "question": row.criterion.question,
                "legal_basis": row.criterion.legal_basis,
                "evidence_kind": row.criterion.evidence_kind,
                "scope": row.criterion.scope,
                "weight": row.criterion.weight,
                "allows_not_applicable": row.criterion.allows_not_applicable,
                "scale": [point._asdict() for point in row.scale],
            }
            | _figure_data(row.figure)
            for row in card.criteria
        ],
        "cells": [
            {
                "criterion": row.criterion.code,
                "settlement": cell.settlement.slug,
                "score": cell.score,
                "not_applicable": cell.not_applicable,
            }
            for row in card.criteria
            for cell in row.cells
            if cell.applicable
        ],
    }
