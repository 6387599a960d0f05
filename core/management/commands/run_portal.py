import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core.embedded_db import prune_dead_handles


class Command(BaseCommand):
    help = (
        "Development: migrate, load the register and demo content, then serve the portal on "
        "http://127.0.0.1:8000. Ctrl-C stops the web server and, when no other process uses it, "
        "the embedded database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000", help="Address and port to serve on.")

    def handle(self, *args, addrport="127.0.0.1:8000", verbosity=1, **options):
        if not settings.DEBUG:
            raise CommandError("run_portal is for development; use `make serve` in production.")
        call_command("migrate", interactive=False, verbosity=verbosity)
        call_command("createcachetable", verbosity=verbosity)
        call_command("load_public_bodies", verbosity=verbosity)
        call_command("load_guidance_content", verbosity=verbosity)
        call_command("load_common_indicators", verbosity=verbosity)
        call_command("load_product_groups", verbosity=verbosity)
        call_command("load_demo_content", verbosity=verbosity)
        # This process keeps its handle on the embedded server while runserver runs as a child,
        # so the server stops when this process ends, even if the child died abruptly.
        server = subprocess.Popen([sys.executable, "manage.py", "runserver", addrport])  # noqa: S603
        try:
            server.wait()
        except (KeyboardInterrupt, SystemExit):
            server.terminate()
            server.wait(timeout=10)
        finally:
            if not settings.DATABASE_URL:
                prune_dead_handles(settings.BASE_DIR / ".pgdata")
