import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

# The day the report tests run on: the report on 2026 can be submitted, the one on 2027 written, and the
# one on 2028 not even started.
REPORT_DAY = datetime.date(2027, 2, 1)


def on_day(day: datetime.date):
    """Let the whole process (the live server's thread too) run on `day`, from ten in the morning, Dutch time."""
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(10), tzinfo=ZoneInfo("Europe/Amsterdam")), tick=True
    )


@pytest.fixture
def report_day():
    """Reports depend on the day: the clock stands on REPORT_DAY, whatever the day the tests run."""
    with on_day(REPORT_DAY) as traveller:
        yield traveller


@pytest.fixture
def six_themes(db):
    """The six MVOI themes, as the guidance migration creates them.

    Transactional tests (the browser tests) flush the database afterwards, data migrations included,
    so tests that run after one of them get the themes back from here.
    """
    from guidance.reference import load_reference_data

    load_reference_data()
