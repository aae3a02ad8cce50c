"""The portal's URLs, plus the recommendation pages of a stand-in source: an earlier
recommendation, which its follow-ups are written from. Any model will do as a source."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import include, path

from ivanovo_portal.recommendations.models import Recommendation
from ivanovo_portal.recommendations.source_pages import source_recommendation_urls
from ivanovo_portal.urls import urlpatterns as portal


def get_earlier_for_staff(request, pk):
    if request.user.username == "locked-out":
        raise PermissionDenied
    return get_object_or_404(Recommendation, pk=pk)


app_urls = source_recommendation_urls(
    loader=get_earlier_for_staff, prefix="<int:pk>/", name="follow_up"
)

urlpatterns = [*portal, path("earlier/", include((app_urls, "earlier")))]
