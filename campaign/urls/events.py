from django.urls import path

from ivanovo_portal.recommendations.source_pages import source_recommendation_urls

from ..views import events

EVENT = "campaign/manage/events/<slug:slug>/"

urlpatterns = [
    path("campaign/events/", events.events, name="events"),
    path("campaign/events/<slug:slug>/", events.event, name="event"),
    path("campaign/events/<slug:slug>/photos/<int:pk>/", events.event_photo, name="event_photo"),
    path("campaign/manage/events/", events.manage_events, name="manage_events"),
    path("campaign/manage/events/new/", events.manage_event_create, name="manage_event_create"),
    path(EVENT, events.manage_event, name="manage_event"),
    path(f"{EVENT}photos/", events.manage_event_photo, name="manage_event_photo"),
    path(
        f"{EVENT}photos/<int:pk>/remove/",
        events.manage_event_photo_remove,
        name="manage_event_photo_remove",
    ),
    path(f"{EVENT}publish/", events.manage_event_publish, name="manage_event_publish"),
    path(f"{EVENT}unpublish/", events.manage_event_unpublish, name="manage_event_unpublish"),
    path(
        f"{EVENT}certificates/", events.manage_event_certificates, name="manage_event_certificates"
    ),
    *source_recommendation_urls(
        loader=events.get_event_for_writer,
        prefix=EVENT,
        name="event_recommendation",
        nav="campaign/manage/event_nav.html",
    ),
]
