"""Public consultations at ``/consultations/``: each document with its sections and comments,
its справка, meetings, minutes and reports, the coverage across the settlements; the staff's
screens under ``manage/``."""

from . import comments, documents, public, reports, statement

app_name = "consultations"

urlpatterns = (
    statement.urlpatterns
    + documents.urlpatterns
    + comments.urlpatterns
    + reports.urlpatterns
    + public.urlpatterns
)
