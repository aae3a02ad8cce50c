from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .models import User

# A username or an e-mail address: nothing longer than the longer of the two is either. The field
# refuses it before it reaches the database or the login throttling, which records what was typed
# in a column of 255 characters.
IDENTIFIER_MAX_LENGTH = max(
    User._meta.get_field("username").max_length, User._meta.get_field("email").max_length
)


class LoginForm(AuthenticationForm):
    """The login form; people may type their e-mail address instead of their username."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The username or e-mail address and the password do not match an account. "
            "Check both and try again; the password is case-sensitive."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        identifier = self.fields["username"]
        identifier.label = _("Username or e-mail address")
        # AuthenticationForm sets the username's length on the widget alone, without a validator.
        identifier.max_length = IDENTIFIER_MAX_LENGTH
        identifier.widget.attrs["maxlength"] = IDENTIFIER_MAX_LENGTH
        identifier.validators.append(MaxLengthValidator(IDENTIFIER_MAX_LENGTH))

    def clean(self):
        identifier = self.cleaned_data.get("username", "")
        if "@" in identifier:
            # Throttling then counts failures against the account, whichever name was typed.
            username = (
                User.objects.filter(email__iexact=identifier)
                .values_list("username", flat=True)
                .first()
            )
            if username:
                self.cleaned_data["username"] = username
        return super().clean()


class EraseAccountForm(forms.Form):
    """Asks for the password again before the account is erased."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."))
        return password


class CodeForm(forms.Form):
    """A code of the second factor: six digits from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )
