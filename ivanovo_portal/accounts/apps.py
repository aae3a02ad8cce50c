from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ivanovo_portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from . import throttling
        from .personal_data import declare_accounts

        user_login_failed.connect(throttling.count_login_failure, dispatch_uid="login_failures")
        user_logged_in.connect(throttling.forget_failures_after_login, dispatch_uid="whole_logins")
        declare_accounts()
