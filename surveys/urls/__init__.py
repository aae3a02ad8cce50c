"""The surveys area: public pages and answering, the staff's builder, results and reports."""

from . import builder, public, reports, results

app_name = "surveys"

urlpatterns = public.urlpatterns + builder.urlpatterns + results.urlpatterns + reports.urlpatterns
