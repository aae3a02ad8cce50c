from django.urls import path

from surveys.views import review

urlpatterns = [
    path("manage/<slug:slug>/bursts/", review.bursts, name="bursts"),
    path("manage/<slug:slug>/bursts/discard/", review.discard_burst, name="discard_burst"),
    path(
        "manage/<slug:slug>/responses/<int:pk>/discard/",
        review.discard_response,
        name="discard_response",
    ),
]
