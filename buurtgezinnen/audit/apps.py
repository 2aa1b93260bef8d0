from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "buurtgezinnen.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        from buurtgezinnen.audit import registry

        registry.register_models()
