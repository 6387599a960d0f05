"""Every URL of the project, with placeholder values for its parameters, for tests that must cover all."""

import uuid

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter, UUIDConverter

PLACEHOLDERS = {
    IntConverter: "1",
    UUIDConverter: str(uuid.UUID(int=1)),
    SlugConverter: "voorbeeld",
    StringConverter: "voorbeeld",
    PathConverter: "voorbeeld",
}


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else (pattern.namespace or namespace)
            )
            yield from _walk(pattern.url_patterns, prefix + route, inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + route, (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def all_url_patterns():
    """(route, name) for every URL pattern, with the language prefix of i18n_patterns left out."""
    seen = set()
    for route, name, _pattern in _walk(get_resolver().url_patterns):
        if route not in seen:
            seen.add(route)
            yield route, name


def concrete_path(route: str) -> str | None:
    """Turn a route into a path with placeholder values; None for regex routes we cannot fill in."""
    import re

    if "^" in route or "(?P<" in route:
        # Regex routes (allauth's keys, the admin's app index): fill each group with a placeholder.
        path = re.sub(r"\(\?P<\w+>(?:\[[^\]]*\]|[^)])*\)", "voorbeeld", route).replace("^", "").replace("$", "")
        return None if any(char in path for char in "()[]?*+\\") else "/" + path
    from django.urls.resolvers import RoutePattern

    pattern = RoutePattern(route)
    path = route
    for name, converter in pattern.converters.items():
        value = next((v for cls, v in PLACEHOLDERS.items() if isinstance(converter, cls)), "voorbeeld")
        path = re.sub(rf"<(?:\w+:)?{name}>", value, path)
    return "/" + path
