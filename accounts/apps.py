from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Tài khoản và thẩm quyền"

    def ready(self):
        # The session's idle clock starts at the log-in (config.middleware: its receiver
        # of `user_logged_in`), connected before any request loads the middleware.
        import config.middleware  # noqa: F401
