from django.urls import path

from ..views import attendance

DOOR = "<slug:slug>/door/"

urlpatterns = [
    path("door/<str:code>/", attendance.door_code, name="door_code"),
    path(DOOR, attendance.door, name="door"),
    path(f"{DOOR}registrants/<int:pk>/", attendance.door_registrant, name="door_registrant"),
    path(f"{DOOR}walk-in/", attendance.door_walk_in, name="door_walk_in"),
    path(f"{DOOR}remove/<int:pk>/", attendance.door_remove, name="door_remove"),
    path(f"{DOOR}sheet/", attendance.sheet_entry, name="sheet_entry"),
    path(f"{DOOR}sheet/pdf/", attendance.sheet_pdf, name="sheet_pdf"),
    path(f"{DOOR}signed/", attendance.signed_sheet, name="signed_sheet"),
    path(f"{DOOR}signed/<int:pk>/", attendance.signed_sheet_file, name="signed_sheet_file"),
    path(f"{DOOR}close/", attendance.close, name="close"),
    path("<slug:slug>/attendance/", attendance.attendance, name="attendance"),
]
