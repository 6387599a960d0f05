"""Demo content for `make run`, gathered from the apps.

Every installed app with a `demo` module that defines `load_demo_content(*, stdout, verbosity, dry_run)`
adds its part, in the order of INSTALLED_APPS, and returns the demo logins it made as
(e-mail, description) pairs. Core names no app, so any app can bring its own demo.
"""

from importlib import import_module

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from core.page_cache import every_kind_changed

DEMO_PASSWORD = "mvoi-demo-2026"  # noqa: S105 - development only; the command refuses to run with DEBUG off


@transaction.atomic
def load_demo_content(*, stdout, verbosity: int = 1, dry_run: bool = False) -> list[tuple[str, str]]:
    logins = []
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, "demo"):
            continue
        loader = getattr(import_module(f"{app_config.name}.demo"), "load_demo_content", None)
        # This module is core's own `demo`: gathering must not call itself.
        if loader is not None and loader is not load_demo_content:
            logins.extend(loader(stdout=stdout, verbosity=verbosity, dry_run=dry_run) or [])
    if not dry_run:
        # Loaders may write in bulk, past the services: make every cached public page stale.
        every_kind_changed()
    return logins
