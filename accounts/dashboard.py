"""Sections that other apps add to "My portal" (/mijn-omgeving/), so accounts imports none of them.

An app registers a template and a function that returns its context, or None to leave the section out;
the function gets the request and the user's memberships (with their organisations), already loaded.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DashboardSection:
    template: str
    context: Callable  # (request, memberships) -> dict | None


_SECTIONS: list[DashboardSection] = []


def add_dashboard_section(*, template: str, context: Callable) -> None:
    section = DashboardSection(template, context)
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def dashboard_sections(request, memberships) -> list[tuple[str, dict]]:
    sections = []
    for section in _SECTIONS:
        context = section.context(request, memberships)
        if context is not None:
            sections.append((section.template, context))
    return sections
