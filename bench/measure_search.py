"""Measure the search's "did you mean" at 60 and 600 guidance pages (not part of `make test`).

The pages are the knowledge base's own content (`load_guidance_content`), copied with numbered words
until there are enough, in a throw-away test database. For each size it prints the median time of a
suggestion from the word list, of the former way (`ts_stat` over every published page, kept below
for comparison) and of rebuilding the word list, which every save of a page pays.

Run: .venv/bin/python -m bench.measure_search
"""

import os
import statistics
import time

import django

os.environ.setdefault("DEBUG", "true")  # a development tool on a throw-away database
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi_portal.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

QUERY = "duurzaamheit aanbestedng"
SIZES = [60, 600]
RUNS = 15

# The suggestion as it was before the word list: ts_stat reads every published page for each word.
FORMER_SQL = (
    "SELECT word FROM ts_stat(%s) WHERE similarity(word, %s) >= 0.3 "
    "ORDER BY word = %s DESC, similarity(word, %s) DESC, nentry DESC LIMIT 1"
)
FORMER_DOCUMENTS = (
    "SELECT to_tsvector('simple', title || ' ' || summary || ' ' || body_text) FROM guidance_guidancepage "
    "WHERE status = 'published' AND (publish_at IS NULL OR publish_at <= now())"
)


def former_suggest(query: str) -> None:
    with connection.cursor() as cursor:
        for word in query.split():
            cursor.execute(FORMER_SQL, [FORMER_DOCUMENTS, word, word, word])
            cursor.fetchone()


def grow_to(pages: int) -> None:
    """Copies of the real pages, each with a few words of its own, until there are `pages`."""
    from guidance.models import GuidancePage
    from guidance.services import search_words_refresh

    originals = list(GuidancePage.objects.published().order_by("pk"))
    number = GuidancePage.objects.count()
    copies = []
    while number + len(copies) < pages:
        original = originals[len(copies) % len(originals)]
        serial = number + len(copies)
        copies.append(
            GuidancePage(
                title=f"{original.title} ({serial})",
                slug=f"kopie-{serial}",
                summary=original.summary,
                body=f"{original.body}\n\nKenmerk kopie{serial} project{serial % 97} leverancier{serial % 61}.",
                section=original.section,
                status="published",
            )
        )
    for page in copies:
        page.save()  # renders the Markdown and writes the search vectors, as an editor's save does
    search_words_refresh()


def median_ms(function) -> float:
    timings = []
    for _run in range(RUNS):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    from guidance.models import SearchWord
    from guidance.search import suggest
    from guidance.services import search_words_refresh

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_guidance_content", verbosity=0)
        print(f"Query: {QUERY!r} -> {suggest(QUERY)!r}; median of {RUNS} runs")
        for size in SIZES:
            grow_to(size)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE guidance_guidancepage; ANALYZE guidance_searchword")
            print(
                f"{size} pages, {SearchWord.objects.count()} words: "
                f"suggestion {median_ms(lambda: suggest(QUERY)):.1f} ms, "
                f"former ts_stat suggestion {median_ms(lambda: former_suggest(QUERY)):.1f} ms, "
                f"word list rebuild {median_ms(search_words_refresh):.1f} ms"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
