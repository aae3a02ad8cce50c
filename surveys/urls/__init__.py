"""The surveys area: public pages and answering, the staff's builder, results and reports.

Addresses with a fixed first word (``manage/``, ``reports/``) come before the public
``<slug>/`` ones; the builder refuses those words as questionnaire slugs (``RESERVED_SLUGS``).
"""

from . import builder, public, reports, results

app_name = "surveys"

urlpatterns = results.urlpatterns + reports.urlpatterns + builder.urlpatterns + public.urlpatterns
