"""Sections that apps add to the public organisation page (/organisaties/<code>/).

An app registers a template, a function that returns its context and the content version its
section shows (for the page cache); the action-plan app adds the published plan this way, so
manifest never imports it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from core.page_cache import ContentVersion


@dataclass(frozen=True)
class OrganisationSection:
    template: str
    context: Callable  # (organisation, request) -> dict
    content: ContentVersion


_SECTIONS: list[OrganisationSection] = []


def add_organisation_section(*, template: str, context: Callable, content: ContentVersion) -> None:
    section = OrganisationSection(template, context, content)
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def organisation_sections(organisation, request) -> list[tuple[str, dict]]:
    return [(section.template, section.context(organisation, request)) for section in _SECTIONS]


def organisation_section_contents() -> list[ContentVersion]:
    return [section.content for section in _SECTIONS]
