import pytest


@pytest.fixture
def six_themes(db):
    """The six MVOI themes, as the guidance migration creates them.

    Transactional tests (the browser tests) flush the database afterwards, data migrations included,
    so tests that run after one of them get the themes back from here.
    """
    import importlib

    from django.apps import apps

    migration = importlib.import_module("guidance.migrations.0002_the_six_mvoi_themes")
    migration.create_themes(apps, None)
