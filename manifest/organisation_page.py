"""Sections that apps add to the public organisation page (/organisaties/<code>/).

An app registers a template and a function that returns its context; the action-plan app
adds the published plan this way, so manifest never imports it.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class OrganisationSection:
    template: str
    context: Callable  # (organisation, request) -> dict


_SECTIONS: list[OrganisationSection] = []


def add_organisation_section(*, template: str, context: Callable) -> None:
    section = OrganisationSection(template, context)
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def organisation_sections(organisation, request) -> list[tuple[str, dict]]:
    return [(section.template, section.context(organisation, request)) for section in _SECTIONS]
