"""Settings of the app servers that tests/core/test_two_servers.py starts.

The production settings, read from the environment as on a real server (CACHE_URL and HUEY_URL on
Redis, TRUSTED_PROXY_COUNT, SECRET_KEY, ...), with three things the test's world needs: the test
database pytest-django made, the fast password hasher its users were saved with, and one key
prefix per run in Redis, so that two runs at once (two worktrees, CI) do not share counters.
"""

import os

from buurtgezinnen.settings import *  # noqa: F403
from buurtgezinnen.settings import CACHES, DATABASES, HUEY

# The users of tests/conftest.py have MD5 hashes (tests/settings.py).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# pytest-django's test database: a file on SQLite, test_<name> on PostgreSQL.
DATABASES["default"]["NAME"] = os.environ["TEST_SERVER_DATABASE_NAME"]

# Only letters and digits: huey keeps those of its name in its Redis keys.
_PREFIX = os.environ["TEST_SERVER_KEY_PREFIX"]
CACHES["default"]["KEY_PREFIX"] = _PREFIX
HUEY = {**HUEY, "name": _PREFIX}
