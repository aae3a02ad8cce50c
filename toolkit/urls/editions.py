from django.urls import path

from ..views import editions

urlpatterns = [
    path("editions/<int:number>/", editions.edition, name="edition"),
    path("templates/<int:pk>/", editions.template_docx, name="template"),
]
