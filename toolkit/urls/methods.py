from django.urls import path

from ..views import methods

urlpatterns = [
    path("", methods.index, name="index"),
    path("methods/", methods.methods, name="methods"),
    path("methods/<slug:slug>/", methods.method, name="method"),
    path("matrix/", methods.matrix, name="matrix"),
]
