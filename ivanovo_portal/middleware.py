"""Request checks that hold for every page of the portal."""

from django.core.exceptions import BadRequest

# The browser features no page of the portal uses, turned off for it and for anything it embeds:
# a script that got in could not reach a resident's camera, microphone or whereabouts.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
)


def permissions_policy(get_response):
    """Send the Permissions-Policy header, which Django has no setting for, with every answer
    (placed before WhiteNoise, static files too)."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


def refuse_null_characters(get_response):
    """Answer 400 to a request whose address, query or form fields hold a NUL character.

    PostgreSQL stores and compares no text with one: a value that reached a query would fail with
    a server error. Django's form fields refuse it, but not every value passes through a form
    first (an address part, a search box, a filter read before its form), and no person types
    one."""

    def middleware(request):
        if _holds_null_character(request):
            raise BadRequest("A NUL character in the request.")
        return get_response(request)

    return middleware


def _holds_null_character(request):
    if "\x00" in request.path_info:
        return True
    data = [request.GET]
    if request.method == "POST":
        data.append(request.POST)
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for query in data
        for key, values in query.lists()
    )
