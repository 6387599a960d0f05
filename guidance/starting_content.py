"""The knowledge base's starting content, read from the files in guidance/content/ (see its README).

`load_starting_content` creates what is missing and never overwrites what exists, so editors' changes in
the admin survive every run; `manage.py load_guidance_content` (run by `make run`) calls it.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction

from core.content_files import ContentFileError, read_markdown, read_toml, require
from guidance import reference
from guidance.models import FactCheck, GuidancePage, PageStatus, Resource, Section, Theme
from guidance.services import guidance_page_save, resource_save, theme_save

CONTENT_DIR = Path(__file__).resolve().parent / "content"
PAGES_DIR = CONTENT_DIR / "pages"
ENGLISH_SUFFIX = ".en.md"
PAGE_KEYS = ["title", "summary", "section", "order", "themes", "audience", "to_verify", "en"]
PAGE_EN_KEYS = ["title", "summary"]
RESOURCE_KEYS = ["title", "description", "url", "publisher", "kind", "themes", "audience", "to_verify"]


def english_body_path(slug: str) -> Path:
    return PAGES_DIR / f"{slug}{ENGLISH_SUFFIX}"


def pages() -> list[dict]:
    """Every page of guidance/content/pages/, by section and order.

    `<slug>.md` holds the page: its front matter, with the English title and summary under `[en]`, and
    the Dutch body. The English body, once translated, is `<slug>.en.md`, plain Markdown.
    """
    section_order = {record["slug"]: position for position, record in enumerate(reference.sections())}
    found = []
    for path in PAGES_DIR.glob("*.md"):
        if path.name.endswith(ENGLISH_SUFFIX):
            continue
        data, body = read_markdown(path)
        require(data, PAGE_KEYS, path=path)
        require(data["en"], PAGE_EN_KEYS, path=path, where="[en]")
        try:
            validate_slug(path.stem)
        except ValidationError as error:
            raise ContentFileError(f"{path}: the file name is the page's slug: {error.messages[0]}") from error
        english = english_body_path(path.stem)
        found.append(
            {
                "slug": path.stem,
                "section": data["section"],
                "order": data["order"],
                "title": data["title"],
                "summary": data["summary"],
                "body": body,
                "title_en": data["en"]["title"],
                "summary_en": data["en"]["summary"],
                "body_en": english.read_text(encoding="utf-8").strip() if english.exists() else "",
                "themes": data["themes"],
                "audience": data["audience"],
                "to_verify": data["to_verify"],
            }
        )
    return sorted(found, key=lambda page: (section_order.get(page["section"], len(section_order)), page["order"]))


def resources() -> list[dict]:
    """The tools and guides of guidance/content/resources.toml, in the file's order."""
    path = CONTENT_DIR / "resources.toml"
    records = read_toml(path).get("resource", [])
    for position, record in enumerate(records, start=1):
        require(record, RESOURCE_KEYS, path=path, where=f"resource {position}: {record.get('title', '')}")
    return records


@dataclass
class LoadReport:
    pages: list[str] = field(default_factory=list)  # slugs of the pages created
    theme_texts: int = 0
    resources: int = 0
    checks: int = 0
    reference: dict[str, int] = field(default_factory=dict)


@transaction.atomic
def load_starting_content(*, dry_run: bool = False) -> LoadReport:
    """Create the pages, theme texts, tools and facts to verify that are missing; `dry_run` keeps nothing.

    Themes and sections come first (guidance.reference), so a database flush does not break the pages.
    """
    report = LoadReport(reference=reference.load_reference_data())
    sections = {section.slug: section for section in Section.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for spec in pages():
        page = GuidancePage.objects.filter(slug=spec["slug"]).first()
        if page is None:
            page = GuidancePage(
                slug=spec["slug"],
                section=sections.get(spec["section"]),
                order=spec["order"],
                title=spec["title"],
                summary=spec["summary"],
                body=spec["body"],
                title_en=spec["title_en"],
                summary_en=spec["summary_en"],
                body_en=spec["body_en"],
                audience=spec["audience"],
                status=PageStatus.PUBLISHED,
            )
            guidance_page_save(
                page=page, editor=None, note="Startinhoud", themes=[themes[slug] for slug in spec["themes"]]
            )
            report.pages.append(spec["slug"])
        report.checks += _create_checks(spec["to_verify"], page=page)
    for record in reference.themes():
        theme = themes.get(record["slug"])
        texts = record.get("description", ""), record.get("why_it_matters", "")
        if theme is not None and any(texts) and not theme.description and not theme.why_it_matters:
            theme.description, theme.why_it_matters = texts
            theme_save(theme=theme)
            report.theme_texts += 1
    for spec in resources():
        resource = Resource.objects.filter(title=spec["title"]).first()
        if resource is None:
            resource = resource_save(
                resource=Resource(
                    title=spec["title"],
                    description=spec["description"],
                    url=spec["url"],
                    publisher=spec["publisher"],
                    publisher_name=spec.get("publisher_name", ""),
                    kind=spec["kind"],
                    audience=spec["audience"],
                    product_group=spec.get("product_group", ""),
                )
            )
            resource.themes.set([themes[slug] for slug in spec["themes"]])
            report.resources += 1
        report.checks += _create_checks(spec["to_verify"], resource=resource)
    if dry_run:
        transaction.set_rollback(True)
    return report


def _create_checks(descriptions: list[str], **subject) -> int:
    created = 0
    for description in descriptions:
        _check, was_created = FactCheck.objects.get_or_create(description=description, **subject)
        created += was_created
    return created
