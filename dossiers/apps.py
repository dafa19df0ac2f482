from django.apps import AppConfig
from django.db.backends.signals import connection_created


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = "Công nhận An toàn về ANTT"

    def ready(self):
        from .search import register_sqlite_unaccent

        connection_created.connect(register_sqlite_unaccent, dispatch_uid="sqlite-unaccent")
