"""The request of a view behind login, typed so that ``request.user`` is our user model.

Django types ``HttpRequest.user`` as "a user or ``AnonymousUser``". Behind ``login_required`` or
``role_required`` it is always a logged-in ``User``, and the selectors, getters and actions take a
``User``; a view there declares ``request: AuthenticatedHttpRequest`` so that mypy knows it. The
class is for the type checker only: Django still hands the view a plain ``HttpRequest``.

``core`` is the lowest layer and may not import ``buurtgezinnen.org``, where ``User`` lives, not
even under ``TYPE_CHECKING`` (import-linter counts those imports too). So the annotation names
django-stubs' ``_User`` alias, which the django-stubs mypy plugin resolves to the model in
``settings.AUTH_USER_MODEL`` (``buurtgezinnen.org.models.User``), as Django finds it at run time.
The alias exists in the stubs only, hence the ``TYPE_CHECKING`` import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import _User


class AuthenticatedHttpRequest(HttpRequest):
    user: _User
