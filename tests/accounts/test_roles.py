import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template import loader
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import permission_denied

from ivanovo_portal.accounts.permissions import has_role, permission_required
from ivanovo_portal.accounts.roles import Role


@permission_required("indicators.change_target")
def edit_targets(request):
    return HttpResponse("ok")


def call(view, user):
    request = RequestFactory().get("/some/page/")
    request.user = user
    return view(request)


def test_the_four_roles_exist_as_groups(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "project_staff",
        "ngo_monitor",
        "municipal_official",
        "resident",
    }


def test_anonymous_visitors_are_sent_to_log_in(db):
    response = call(edit_targets, AnonymousUser())
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_user_without_the_permission_is_refused(outsider):
    with pytest.raises(PermissionDenied):
        call(edit_targets, outsider)


def test_a_user_with_the_permission_gets_in(staff):
    assert call(edit_targets, staff).status_code == 200


def test_has_role_tells_the_roles_apart(staff, official):
    assert has_role(staff, Role.PROJECT_STAFF)
    assert not has_role(official, Role.PROJECT_STAFF)


def test_the_403_page_explains_and_offers_the_account(outsider, english):
    request = RequestFactory().get("/en/recommendations/")
    request.user = outsider
    response = permission_denied(request, PermissionDenied())
    html = response.content.decode()
    assert response.status_code == 403
    assert "You may not open this page" in html
    assert "You are logged in as outsider." in html


def test_the_404_page_is_friendly(client, db, english):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_500_page_renders_without_a_request_or_the_database():
    with translation.override("en"):
        html = loader.get_template("500.html").render()
    assert "Something went wrong" in html
