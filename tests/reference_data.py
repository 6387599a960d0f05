"""Reference data that migrations create and every test may rely on.

Transactional tests (browser and server tests) end with a flush that empties every table, data
created by migrations included; the conftest hook puts this data back right after such a test.
"""

import importlib

from django.apps import apps

MIGRATION_LOADERS = [
    ("guidance.migrations.0002_the_six_mvoi_themes", "create_themes"),
    ("guidance.migrations.0004_sections_and_trigram_search", "create_sections"),
    ("manifest.migrations.0003_edition_2022_2025", "create_edition"),
]


def restore_reference_data() -> None:
    for module_name, function_name in MIGRATION_LOADERS:
        getattr(importlib.import_module(module_name), function_name)(apps, None)
