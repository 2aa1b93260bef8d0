from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "buurtgezinnen.demo"
    label = "demo"
