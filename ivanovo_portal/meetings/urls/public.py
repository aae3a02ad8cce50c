from django.urls import path, re_path

from ..views import certificates, public, registrations

urlpatterns = [
    # A token is a code, a dot and a signature: never a meeting's address ("cancel/register/").
    re_path(r"^cancel/(?P<token>[A-Z0-9]+\.[\w-]+)/$", registrations.cancel, name="cancel"),
    path("certificate/<str:code>/", certificates.certificate, name="certificate"),
    path("<slug:slug>/register/", registrations.register, name="register"),
    path("<slug:slug>/registered/<str:code>/", registrations.registered, name="registered"),
    path("", public.meeting_list, name="list"),
    path("feed.ics", public.feed, name="feed"),
    path("<slug:slug>.ics", public.meeting_ics, name="ics"),
    path("<slug:slug>/materials/<int:pk>/", public.material, name="material"),
    path("<slug:slug>/speakers/<int:pk>/photo/", public.speaker_photo, name="speaker_photo"),
    path("<slug:slug>/", public.meeting_detail, name="detail"),
]
