"""Sections that apps add to the public organisation page (/organisaties/<code>/).

An app registers a template, a function that returns its context and the kind of content its
section shows (for the page cache); the action-plan app adds the published plan this way, so
manifest never imports it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from core.page_cache import ContentKind


@dataclass(frozen=True)
class OrganisationSection:
    template: str
    context: Callable  # (organisation, request) -> dict
    kind: ContentKind


_SECTIONS: list[OrganisationSection] = []


def add_organisation_section(*, template: str, context: Callable, kind: ContentKind) -> None:
    section = OrganisationSection(template, context, kind)
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def organisation_sections(organisation, request) -> list[tuple[str, dict]]:
    return [(section.template, section.context(organisation, request)) for section in _SECTIONS]


def organisation_section_kinds() -> list[ContentKind]:
    return [section.kind for section in _SECTIONS]
