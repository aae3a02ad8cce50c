from django.urls import path

from ..views import reach

urlpatterns = [
    path("campaign/", reach.index, name="index"),
    path("campaign/bulletins/", reach.bulletins, name="bulletins"),
    path("campaign/bulletins/<slug:slug>/", reach.bulletin, name="bulletin"),
    path("campaign/manage/", reach.manage, name="manage"),
]
for log in reach.LOGS:
    urlpatterns += [
        path(f"campaign/manage/reach/{log}/", reach.manage_log, {"log": log}, name=f"manage_{log}"),
        path(
            f"campaign/manage/reach/{log}/add/",
            reach.manage_add,
            {"log": log},
            name=f"manage_{log}_add",
        ),
        path(
            f"campaign/manage/reach/{log}/<int:pk>/",
            reach.manage_edit,
            {"log": log},
            name=f"manage_{log}_edit",
        ),
        path(
            f"campaign/manage/reach/{log}/<int:pk>/delete/",
            reach.manage_delete,
            {"log": log},
            name=f"manage_{log}_delete",
        ),
    ]
