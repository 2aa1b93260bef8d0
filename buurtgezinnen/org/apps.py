from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "buurtgezinnen.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from buurtgezinnen.org import checks, signals  # noqa: F401  (registers checks, receivers)
