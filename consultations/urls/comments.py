from django.urls import path

from consultations.views import comments

urlpatterns = [
    path("comments/confirm/<str:token>/", comments.comment_confirm, name="comment_confirm"),
    path("manage/comments/<int:pk>/", comments.moderate, name="moderate"),
    path("manage/<slug:slug>/moderation/", comments.moderation, name="moderation"),
    path("manage/<slug:slug>/proposals/new/", comments.proposal_add, name="proposal_add"),
    path("<slug:slug>/comment/", comments.comment, name="comment"),
    path("<slug:slug>/comment/sent/", comments.comment_sent, name="comment_sent"),
]
