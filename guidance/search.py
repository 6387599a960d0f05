"""Full-text search of the knowledge base in PostgreSQL: guidance pages, themes and tools in one list.

Dutch text is searched with the 'dutch' configuration (so "duurzaamheid" finds "duurzaam"), English
translations with 'english'. Titles weigh more than summaries, summaries more than bodies, and the
three kinds are ranked together in one UNION query, so that a page of results costs the same queries
however many match.
When nothing matches, pg_trgm similarity suggests the closest words that do occur ("did you mean"),
looked up in a list of the published pages' words that the services keep up to date.
"""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from guidance.models import BODY_FIELDS, GuidancePage, Resource, Theme

START, STOP = "\x02", "\x03"
SIMILARITY_THRESHOLD = 0.3
WORD = re.compile(r"\w+", re.UNICODE)

PAGE, THEME, TOOL = "page", "theme", "tool"
KIND_LABELS = {PAGE: _("Question"), THEME: _("Theme"), TOOL: _("Tool or guide")}


@dataclass
class SearchOutcome:
    query: str
    hits: QuerySet | list = field(default_factory=list)  # rows of hit_kind, hit_id, hit_rank, hit_title
    suggestion: str = ""
    searched_for: str = ""  # the query actually used: the suggestion when the original found nothing


@dataclass
class Hit:
    """One search result: a guidance page, a theme or a tool, with the object itself."""

    kind: str
    object: GuidancePage | Theme | Resource
    highlighted: SafeString | str = ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


def highlight(snippet: str | None) -> SafeString:
    """Escape a ts_headline snippet and turn its markers into <mark> elements."""
    escaped = escape(snippet or "")
    # Escaped above; only the highlight markers become markup.
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308  # nosec B308 B703


HEADLINE_OPTIONS = {"start_sel": START, "stop_sel": STOP, "max_words": 30, "min_words": 12, "max_fragments": 2}


def _queries(query: str) -> tuple[SearchQuery, SearchQuery]:
    return (
        SearchQuery(query, config="dutch", search_type="websearch"),
        SearchQuery(query, config="english", search_type="websearch"),
    )


def _ranked(queryset, *, dutch_vector, english_vector, query: str, language: str) -> QuerySet:
    """Rows whose Dutch text matches (or, on the English site, whose English text does), with their rank."""
    dutch, english = _queries(query)
    queryset = queryset.annotate(dutch_document=dutch_vector)
    if language != "en":
        return queryset.filter(dutch_document=dutch).annotate(hit_rank=SearchRank(F("dutch_document"), dutch))
    return (
        queryset.annotate(english_document=english_vector)
        .filter(Q(dutch_document=dutch) | Q(english_document=english))
        .annotate(hit_rank=Greatest(SearchRank(F("dutch_document"), dutch), SearchRank(F("english_document"), english)))
    )


def _as_hits(queryset, kind: str, title: str) -> QuerySet:
    """The same four columns for every kind, so that one UNION ranks them together."""
    return queryset.annotate(hit_kind=Value(kind, output_field=CharField()), hit_id=F("pk"), hit_title=F(title)).values(
        "hit_kind", "hit_id", "hit_rank", "hit_title"
    )


def _vector(weights: dict[str, list[str]], config: str):
    parts = [SearchVector(*fields, weight=weight, config=config) for weight, fields in weights.items()]
    vector = parts[0]
    for part in parts[1:]:
        vector = vector + part
    return vector


def _page_hits(query: str, *, language: str, theme=None, section=None) -> QuerySet:
    # Pages keep their vectors in indexed columns (titles A, summaries B, bodies C).
    pages = _ranked(
        GuidancePage.objects.published(),
        dutch_vector=F("search_vector"),
        english_vector=F("search_vector_en"),
        query=query,
        language=language,
    )
    if theme:
        pages = pages.filter(themes=theme)  # one theme: at most one row per page
    if section:
        pages = pages.filter(section=section)
    return _as_hits(pages, PAGE, "title")


def _theme_hits(query: str, *, language: str, theme=None) -> QuerySet:
    themes = _ranked(
        Theme.objects.all(),
        dutch_vector=_vector({"A": ["name"], "B": ["summary"], "C": ["description", "why_it_matters"]}, "dutch"),
        english_vector=_vector(
            {"A": ["name_en"], "B": ["summary_en"], "C": ["description_en", "why_it_matters_en"]}, "english"
        ),
        query=query,
        language=language,
    )
    if theme:
        themes = themes.filter(pk=theme.pk)
    return _as_hits(themes, THEME, "name")


def _tool_hits(query: str, *, language: str, theme=None) -> QuerySet:
    tools = _ranked(
        Resource.objects.published(),
        dutch_vector=_vector({"A": ["title"], "B": ["description", "product_group"]}, "dutch"),
        english_vector=_vector({"A": ["title_en"], "B": ["description_en"]}, "english"),
        query=query,
        language=language,
    )
    if theme:
        tools = tools.filter(themes=theme)
    return _as_hits(tools, TOOL, "title")


def _hits(query: str, *, language: str, theme=None, section=None) -> QuerySet:
    """Pages, themes and tools that match, best first, as one lazy query: the view counts them and reads
    one page of results. Themes and tools have no section, so a section leaves only pages."""
    hits = _page_hits(query, language=language, theme=theme, section=section)
    if not section:
        hits = hits.union(
            _theme_hits(query, language=language, theme=theme),
            _tool_hits(query, language=language, theme=theme),
            all=True,
        )
    return hits.order_by("-hit_rank", "hit_title", "hit_kind", "hit_id")


def load_hits(rows: list[dict], query: str, *, language: str) -> list[Hit]:
    """The objects of one page of result rows, in their order: a query per kind shown, however many match.

    Pages get a highlighted snippet in the same query. ts_headline reads a page's whole body, so it
    runs for the results on screen, never for every match.
    """
    wanted = {kind: [row["hit_id"] for row in rows if row["hit_kind"] == kind] for kind in (PAGE, THEME, TOOL)}
    found = {}
    if wanted[PAGE]:
        dutch, english = _queries(query)
        snippets = {"snippet_nl": SearchHeadline("body_text", dutch, config="dutch", **HEADLINE_OPTIONS)}
        if language == "en":
            snippets["snippet_en"] = SearchHeadline("body_en_text", english, config="english", **HEADLINE_OPTIONS)
        pages = (
            GuidancePage.objects.filter(pk__in=wanted[PAGE])
            .select_related("section")
            .defer(*BODY_FIELDS)
            .annotate(**snippets)
        )
        for page in pages:
            # An untranslated page has an empty English snippet: its Dutch one is shown instead.
            snippet = getattr(page, "snippet_en", "") or page.snippet_nl
            found[PAGE, page.pk] = Hit(PAGE, page, highlight(snippet))
    if wanted[THEME]:
        found.update({(THEME, theme.pk): Hit(THEME, theme) for theme in Theme.objects.filter(pk__in=wanted[THEME])})
    if wanted[TOOL]:
        tools = Resource.objects.filter(pk__in=wanted[TOOL])
        found.update({(TOOL, tool.pk): Hit(TOOL, tool) for tool in tools})
    return [found[row["hit_kind"], row["hit_id"]] for row in rows if (row["hit_kind"], row["hit_id"]) in found]


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
    """Guidance pages, themes and tools matching the query, as one lazy ranked query (see `load_hits`).

    When nothing matches, the query with its unknown words corrected is searched instead.
    """
    outcome = SearchOutcome(query=query, searched_for=query)
    if not query.strip():
        return outcome
    outcome.hits = _hits(query, language=language, theme=theme, section=section)
    if not outcome.hits.exists():
        outcome.suggestion = suggest(query)
        if outcome.suggestion:
            outcome.searched_for = outcome.suggestion
            outcome.hits = _hits(outcome.suggestion, language=language, theme=theme, section=section)
    return outcome
