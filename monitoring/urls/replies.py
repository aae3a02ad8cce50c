from django.urls import path

from monitoring.views import replies

urlpatterns = [
    path("reply/", replies.reply_list, name="reply_list"),
    path("reply/<slug:slug>/", replies.reply_round, name="reply_round"),
    path("reply/<slug:slug>/<int:pk>/", replies.reply, name="reply"),
]
