"""The participation toolkit at ``/toolkit/``: its page, the methods, the matrix of the Code's
levels and steps, the finder, the planning sheet, where the portal used each method, the
editions of the book, and the staff's screens under ``/toolkit/manage/``."""

from . import cases, editions, finder, manage, methods

app_name = "toolkit"

urlpatterns = (
    methods.urlpatterns
    + finder.urlpatterns
    + cases.urlpatterns
    + editions.urlpatterns
    + manage.urlpatterns
)
