from django.urls import path

from consultations.views import statement

urlpatterns = [
    path("coverage/", statement.coverage, name="coverage"),
    path("<slug:slug>/spravka/", statement.statement, name="statement"),
    path(
        "manage/<slug:slug>/spravka/publish/", statement.statement_publish, name="statement_publish"
    ),
    path("manage/<slug:slug>/spravka/pdf/", statement.statement_pdf, name="statement_pdf"),
    path("manage/comments/<int:pk>/decision/", statement.decide, name="decide"),
]
