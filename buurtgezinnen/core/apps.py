from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "buurtgezinnen.core"
    label = "core"

    def ready(self) -> None:
        # Registers the ``__folded`` lookup and gives SQLite the function it needs.
        from buurtgezinnen.core.search import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="bg_sqlite_functions")
