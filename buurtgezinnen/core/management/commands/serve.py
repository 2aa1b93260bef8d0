"""Serves the app with gunicorn and runs the huey worker beside it, until Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Runs the web server (gunicorn) and the background worker (huey) together."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, **options: Any) -> None:
        # The same checks as runserver: a production configuration with DEMO_MODE stops here.
        call_command("check")
        python = sys.executable
        worker = subprocess.Popen([python, "manage.py", "run_huey", "--workers", "2"])  # noqa: S603
        web = subprocess.Popen(  # noqa: S603
            [
                python,
                "-m",
                "gunicorn",
                "buurtgezinnen.wsgi:application",
                "--bind",
                f"{options['host']}:{options['port']}",
                "--workers",
                str(options["workers"]),
                "--access-logfile",
                "-",
                "--access-logformat",
                '%(t)s "%(m)s %(U)s" %(s)s %(L)ss',
            ]
        )
        children = (web, worker)

        def stop(*_: Any) -> None:
            for child in children:
                if child.poll() is None:
                    child.terminate()

        signal.signal(signal.SIGTERM, stop)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for child in children:
                child.wait(timeout=10)
        if any(child.returncode not in (0, -signal.SIGTERM, -signal.SIGINT) for child in children):
            raise SystemExit(1)
