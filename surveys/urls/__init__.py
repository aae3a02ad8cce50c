"""The surveys area: public pages and answering, the staff's builder, results and reports.

Addresses with a fixed first word (``manage/``, ``reports/``) come before the public
``<slug>/`` ones; the builder never makes a questionnaire's slug of those words
(``RESERVED_SLUGS``).
"""

from . import builder, public, reports, results, review

app_name = "surveys"

urlpatterns = (
    results.urlpatterns
    + review.urlpatterns
    + reports.urlpatterns
    + builder.urlpatterns
    + public.urlpatterns
)
