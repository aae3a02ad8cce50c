"""The monitoring area: public scorecards and reports, the monitors' fieldwork, the staff's
frameworks, rounds, requests and reports, the municipality's replies.

Addresses with a fixed first word (``manage/``, ``work/``, ``reply/``) come before the public ones.
"""

from . import frameworks, observations, public, replies, reports, requests, rounds

app_name = "monitoring"

urlpatterns = (
    frameworks.urlpatterns
    + rounds.urlpatterns
    + requests.urlpatterns
    + observations.urlpatterns
    + replies.urlpatterns
    + reports.urlpatterns
    + public.urlpatterns
)
