"""The project's own error for an action that the acting user may not take.

``ActionRefused`` is a ``PermissionDenied``: a view that does not catch it answers 403 with the
Dutch error page (``core.views.error_403``), never a 500. Its message is Dutch, for views that
show it next to a form. It says what may not be done, never whose record it is.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class ActionRefused(PermissionDenied):
    def __init__(self, message: str | None = None) -> None:
        self.message = message or _("You may not do this.")
        super().__init__(self.message)

    def __str__(self) -> str:
        return str(self.message)
