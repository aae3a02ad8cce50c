"""The one way a domain operation says no.

A service that cannot proceed raises :class:`Refused` with a message for the person and, when one
argument is at fault, its name. Form field names are the services' argument names, so
:func:`apply_form` and :func:`show_on_form` put the message beside that field, or at the top of
the form when no field of the form has that name::

    recommendation = apply_form(form, services.approve, recommendation, user=request.user)
    if recommendation is None:
        return render(...)  # the form now carries the refusal
"""

from django.core.exceptions import ValidationError


class Refused(Exception):
    """A refused domain operation: ``message`` for the person, ``field`` the argument at fault."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def show_on_form(form, refusal):
    """Put a refusal (or a model's ``ValidationError``) on ``form``, by its field where the form
    has one of that name."""
    if isinstance(refusal, ValidationError) and hasattr(refusal, "error_dict"):
        for field, errors in refusal.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(refusal, ValidationError):
        form.add_error(None, refusal.messages)
    else:
        form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)


def apply_form(form, service, *args, **kwargs):
    """Call ``service(*args, **form.cleaned_data, **kwargs)`` with a valid form; on a refusal put
    it on the form and return None."""
    try:
        return service(*args, **form.cleaned_data, **kwargs)
    except Refused as refusal:
        show_on_form(form, refusal)
        return None
