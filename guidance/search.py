"""Full-text search of the knowledge base in PostgreSQL.

Dutch pages are indexed with the 'dutch' configuration (so "duurzaamheid" finds "duurzaam"),
English translations with 'english'. Titles weigh more than summaries, summaries more than bodies.
When nothing matches, pg_trgm similarity suggests the closest words that do occur ("did you mean"),
looked up in a list of the published pages' words that the services keep up to date.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from guidance.models import BODY_FIELDS, GuidancePage, Resource

START, STOP = "\x02", "\x03"
SIMILARITY_THRESHOLD = 0.3
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class SearchOutcome:
    query: str
    pages: QuerySet | list = field(default_factory=list)
    resources: list = field(default_factory=list)
    suggestion: str = ""
    searched_for: str = ""  # the query actually used: the suggestion when the original found nothing


def highlight(snippet: str | None) -> SafeString:
    """Escape a ts_headline snippet and turn its markers into <mark> elements."""
    escaped = escape(snippet or "")
    # Escaped above; only the highlight markers become markup.
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308  # nosec B308 B703


HEADLINE_OPTIONS = {"start_sel": START, "stop_sel": STOP, "max_words": 30, "min_words": 12, "max_fragments": 2}


def _pages(query: str, *, language: str, theme=None, section=None) -> QuerySet:
    """Matching pages, best first. Lazy: the view counts them and reads one page of results."""
    dutch = SearchQuery(query, config="dutch", search_type="websearch")
    pages = GuidancePage.objects.published().select_related("section").defer(*BODY_FIELDS)
    if language == "en":
        english = SearchQuery(query, config="english", search_type="websearch")
        pages = pages.filter(Q(search_vector=dutch) | Q(search_vector_en=english)).annotate(
            rank=Greatest(SearchRank(F("search_vector"), dutch), SearchRank(F("search_vector_en"), english))
        )
    else:
        pages = pages.filter(search_vector=dutch).annotate(rank=SearchRank(F("search_vector"), dutch))
    if theme:
        pages = pages.filter(themes=theme)  # one theme: at most one row per page
    if section:
        pages = pages.filter(section=section)
    return pages.order_by("-rank", "title")


def add_highlights(pages: list, query: str, *, language: str) -> None:
    """Give each page shown a highlighted snippet, in one query.

    ts_headline reads a page's whole body, so it runs for the results on screen, never for every match.
    """
    dutch = SearchQuery(query, config="dutch", search_type="websearch")
    snippets = {"snippet_nl": SearchHeadline("body_text", dutch, config="dutch", **HEADLINE_OPTIONS)}
    if language == "en":
        english = SearchQuery(query, config="english", search_type="websearch")
        snippets["snippet_en"] = SearchHeadline("body_en_text", english, config="english", **HEADLINE_OPTIONS)
    rows = GuidancePage.objects.filter(pk__in=[page.pk for page in pages]).annotate(**snippets)
    found = {row["pk"]: row for row in rows.values("pk", *snippets)}
    for page in pages:
        row = found.get(page.pk, {})
        page.highlighted = highlight(row.get("snippet_en") or row.get("snippet_nl"))


def _resources(query: str, *, language: str, theme=None) -> QuerySet:
    config = "english" if language == "en" else "dutch"
    search_query = SearchQuery(query, config=config, search_type="websearch")
    vector = SearchVector("title", "title_en", weight="A", config=config) + SearchVector(
        "description", "description_en", "product_group", weight="B", config=config
    )
    resources = (
        Resource.objects.published()
        .annotate(document=vector)
        .filter(document=search_query)
        .annotate(rank=SearchRank(vector, search_query))
    )
    if theme:
        resources = resources.filter(themes=theme)
    return resources.order_by("-rank", "title")


# Every distinct word of the published pages, with the number of pages it occurs in and, when all of
# them are scheduled for later, the moment the first goes live. Drafts contribute nothing.
REFRESH_WORDS_SQL = """
    INSERT INTO guidance_searchword (word, pages, visible_from)
    SELECT lexeme,
           count(*),
           CASE WHEN bool_or(page.publish_at IS NULL) THEN NULL ELSE min(page.publish_at) END
    FROM guidance_guidancepage AS page,
         unnest(to_tsvector('simple', page.title || ' ' || page.summary || ' ' || page.body_text))
    WHERE page.status = 'published' AND length(lexeme) <= 100
    GROUP BY lexeme
"""

# For each typed word (in order), the most similar known word that is public now, or NULL. The `%%`
# operator uses the trigram index on the word list; the threshold then holds whatever the server's
# pg_trgm.similarity_threshold says.
SUGGEST_SQL = """
    SELECT typed.word, (
        SELECT known.word FROM guidance_searchword AS known
        WHERE known.word %% typed.word
          AND similarity(known.word, typed.word) >= %s
          AND (known.visible_from IS NULL OR known.visible_from <= %s)
        ORDER BY known.word = typed.word DESC, similarity(known.word, typed.word) DESC, known.pages DESC, known.word
        LIMIT 1
    )
    FROM unnest(%s::text[]) WITH ORDINALITY AS typed(word, position)
    ORDER BY typed.position
"""


def refresh_search_words() -> None:
    """Rebuild the word list from the published pages (call through `guidance.services.search_words_refresh`)."""
    with connection.cursor() as cursor:
        # Readers keep the old list until this transaction commits; a second refresh waits for this one.
        cursor.execute("LOCK TABLE guidance_searchword IN EXCLUSIVE MODE")
        cursor.execute("DELETE FROM guidance_searchword")
        cursor.execute(REFRESH_WORDS_SQL)


def suggest(query: str) -> str:
    """The query with each unknown word replaced by the most similar word in published pages, or "".

    One trigram lookup on the word list (`SearchWord`), whatever the number of pages.
    """
    words = WORD.findall(query.lower())[:6]
    if not words:
        return ""
    with connection.cursor() as cursor:
        cursor.execute(SUGGEST_SQL, [SIMILARITY_THRESHOLD, timezone.now(), words])
        found = cursor.fetchall()
    suggestion = [known or typed for typed, known in found]
    return " ".join(suggestion) if suggestion != words else ""


def search(query: str, *, language: str, theme=None, section=None) -> SearchOutcome:
    """Pages (a lazy queryset, without snippets: see add_highlights) and tools matching the query."""
    outcome = SearchOutcome(query=query, searched_for=query)
    if not query.strip():
        return outcome
    outcome.pages = _pages(query, language=language, theme=theme, section=section)
    outcome.resources = list(_resources(query, language=language, theme=theme)) if not section else []
    if not outcome.resources and not outcome.pages.exists():
        outcome.suggestion = suggest(query)
        if outcome.suggestion:
            outcome.searched_for = outcome.suggestion
            outcome.pages = _pages(outcome.suggestion, language=language, theme=theme, section=section)
            if not section:
                outcome.resources = list(_resources(outcome.suggestion, language=language, theme=theme))
    return outcome
