import pytest


@pytest.fixture
def six_themes(db):
    """The six MVOI themes, as the guidance migration creates them.

    Transactional tests (the browser tests) flush the database afterwards, data migrations included,
    so tests that run after one of them get the themes back from here.
    """
    from guidance.reference import load_reference_data

    load_reference_data()
