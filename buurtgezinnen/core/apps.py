from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "buurtgezinnen.core"
    label = "core"
