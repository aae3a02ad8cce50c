from django.urls import path

from surveys.views import entry, public

urlpatterns = [
    path("", public.index, name="index"),
    path("<slug:slug>/", public.detail, name="detail"),
    path("<slug:slug>/answer/", public.answer, name="answer"),
    path("<slug:slug>/answer/<int:step>/", public.answer, name="answer"),
    path("<slug:slug>/thanks/", public.thanks, name="thanks"),
    path("<slug:slug>/entry/", entry.entry, name="entry"),
    path("<slug:slug>/entry/forms/", entry.entries, name="entries"),
    path("<slug:slug>/entry/paper-form/", entry.paper_form, name="paper_form"),
    path("<slug:slug>/invitations/", entry.invitations, name="invitations"),
    path("<slug:slug>/invitations/slips/", entry.invitation_slips, name="invitation_slips"),
]
