from django.urls import path

from monitoring.views import frameworks

FRAMEWORK = "manage/frameworks/<slug:slug>/"
VERSION = f"{FRAMEWORK}v<int:number>/"
AREA = f"{VERSION}areas/<int:pk>/"
CRITERION = f"{VERSION}criteria/<int:pk>/"

urlpatterns = [
    path("manage/frameworks/", frameworks.framework_list, name="framework_list"),
    path("manage/frameworks/new/", frameworks.framework_create, name="framework_create"),
    path(
        f"{FRAMEWORK}new-version/", frameworks.framework_new_version, name="framework_new_version"
    ),
    path(VERSION, frameworks.framework_edit, name="framework_edit"),
    path(f"{VERSION}note/", frameworks.framework_note, name="framework_note"),
    path(f"{VERSION}areas/add/", frameworks.area_add, name="framework_area_add"),
    path(AREA, frameworks.area_edit, name="framework_area_edit"),
    path(f"{AREA}delete/", frameworks.area_delete, name="framework_area_delete"),
    path(f"{AREA}move/", frameworks.area_move, name="framework_area_move"),
    path(f"{VERSION}criteria/add/", frameworks.criterion_add, name="framework_criterion_add"),
    path(CRITERION, frameworks.criterion_edit, name="framework_criterion_edit"),
    path(f"{CRITERION}delete/", frameworks.criterion_delete, name="framework_criterion_delete"),
    path(f"{CRITERION}move/", frameworks.criterion_move, name="framework_criterion_move"),
    path("frameworks/<slug:slug>/v<int:number>/", frameworks.framework, name="framework"),
]
