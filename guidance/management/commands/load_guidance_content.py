import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from guidance import content
from guidance.cache import GUIDANCE_CONTENT
from guidance.models import FactCheck, GuidancePage, PageStatus, Resource, Section, Theme
from guidance.services import guidance_page_save


class Command(BaseCommand):
    help = (
        "Load the knowledge base's starting content: a page per question of the VNG MVOI page, texts for the "
        "six theme pages, a starter set of tools and guides, and the facts editors must verify. Idempotent: "
        "existing pages, texts and tools are never overwritten, so editors' changes survive. Also empties the "
        "public pages' cache, so run it after every deployment."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Show what would be created, change nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        with transaction.atomic():
            created = self._load(verbosity=verbosity)
            if dry_run:
                transaction.set_rollback(True)
        if not dry_run:
            # `make run` and deployments run this command: new templates or translations must not be
            # hidden behind pages cached by the previous version of the code.
            GUIDANCE_CONTENT.bump()
        if verbosity >= 1:
            prefix = "Would create" if dry_run else "Created"
            self.stdout.write(
                f"{prefix} {created['pages']} guidance pages, {created['themes']} theme texts, "
                f"{created['resources']} tools and guides, {created['checks']} facts to verify."
            )

    def _reference_data(self) -> None:
        """The themes and sections from the migrations, restored if a database flush removed them."""
        themes = importlib.import_module("guidance.migrations.0002_the_six_mvoi_themes")
        sections = importlib.import_module("guidance.migrations.0004_sections_and_trigram_search")
        for order, (slug, name, name_en, summary, summary_en) in enumerate(themes.THEMES, start=1):
            if not Theme.objects.filter(slug=slug).exists():
                Theme.objects.create(
                    slug=slug, name=name, name_en=name_en, summary=summary, summary_en=summary_en, order=order
                )
        for slug, name, name_en, order in sections.SECTIONS:
            Section.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "order": order})

    def _load(self, *, verbosity: int) -> dict:
        created = {"pages": 0, "themes": 0, "resources": 0, "checks": 0}
        self._reference_data()
        sections = {section.slug: section for section in Section.objects.all()}
        themes = {theme.slug: theme for theme in Theme.objects.all()}
        for (
            slug,
            section,
            order,
            title,
            summary,
            body,
            title_en,
            summary_en,
            theme_slugs,
            audience,
            checks,
        ) in content.PAGES:
            page = GuidancePage.objects.filter(slug=slug).first()
            if page is None:
                page = GuidancePage(
                    slug=slug,
                    section=sections.get(section),
                    order=order,
                    title=title,
                    summary=summary,
                    body=body,
                    title_en=title_en,
                    summary_en=summary_en,
                    body_en=content.BODIES_EN.get(slug, ""),
                    audience=audience,
                    status=PageStatus.PUBLISHED,
                )
                guidance_page_save(
                    page=page,
                    editor=None,
                    note="Startinhoud",
                    m2m_save=lambda page=page, theme_slugs=theme_slugs: page.themes.set(
                        [themes[theme_slug] for theme_slug in theme_slugs]
                    ),
                )
                created["pages"] += 1
                if verbosity >= 2:
                    self.stdout.write(f"  page {slug}")
            created["checks"] += self._checks(checks, page=page)
        for slug, (description, why) in content.THEME_TEXTS.items():
            theme = themes.get(slug)
            if theme is not None and not theme.description and not theme.why_it_matters:
                theme.description, theme.why_it_matters = description, why
                theme.save()
                created["themes"] += 1
        for (
            title,
            description,
            url,
            publisher,
            publisher_name,
            kind,
            theme_slugs,
            audience,
            group,
            checks,
        ) in content.RESOURCES:
            resource = Resource.objects.filter(title=title).first()
            if resource is None:
                resource = Resource.objects.create(
                    title=title,
                    description=description,
                    url=url,
                    publisher=publisher,
                    publisher_name=publisher_name,
                    kind=kind,
                    audience=audience,
                    product_group=group,
                )
                resource.themes.set([themes[theme_slug] for theme_slug in theme_slugs])
                created["resources"] += 1
            created["checks"] += self._checks(checks, resource=resource)
        return created

    def _checks(self, descriptions, **subject) -> int:
        count = 0
        for description in descriptions:
            _check, was_created = FactCheck.objects.get_or_create(description=description, **subject)
            count += was_created
        return count
