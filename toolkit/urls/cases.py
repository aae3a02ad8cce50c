from django.urls import path

from ..views import cases

urlpatterns = [
    path("used/", cases.cases, name="cases"),
    path("used/<slug:provider>/<slug:key>/", cases.case, name="case"),
]
