"""Find every form on every page of the project, for tests that must submit all of them."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from tests.url_walk import all_url_patterns, concrete_path


@dataclass
class FoundForm:
    page: str
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)  # name -> kind (text, select, checkbox, hidden, ...)
    values: dict[str, str] = field(default_factory=dict)  # hidden values and first select options
    files: list[str] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[FoundForm] = []
        self._current: FoundForm | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            action = urljoin(self.page, attributes.get("action") or self.page)
            self._current = FoundForm(self.page, urlsplit(action).path, (attributes.get("method") or "get").lower())
            self.forms.append(self._current)
            return
        if self._current is None or not attributes.get("name"):
            if tag == "option" and self._current is not None and self._select:
                self._current.values.setdefault(self._select, attributes.get("value") or "")
            return
        name = attributes["name"]
        if tag == "input":
            kind = (attributes.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            if kind == "file":
                self._current.files.append(name)
                return
            self._current.fields[name] = kind
            if kind in ("hidden", "radio", "checkbox") and "value" in attributes:
                self._current.values.setdefault(name, attributes["value"] or "")
        elif tag == "textarea":
            self._current.fields[name] = "textarea"
        elif tag == "select":
            self._current.fields[name] = "select"
            self._select = name

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def forms_on(page: str, html: str) -> list[FoundForm]:
    parser = _FormParser(page)
    parser.feed(html)
    return parser.forms


def every_form(client, extra_paths=(), skip_prefixes=("/admin/",)) -> list[FoundForm]:
    """Every form on every page that `client` can open (GET 200), the admin left out.

    URLs with parameters are tried with placeholders; `extra_paths` adds real pages of sample objects.
    """
    found, seen = [], set()
    paths = [concrete_path(route) for route, _name in all_url_patterns()] + list(extra_paths)
    for path in paths:
        if not path or path.startswith(skip_prefixes):
            continue
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for form in forms_on(path, response.content.decode()):
            key = (form.action, form.method, tuple(sorted(form.fields)))
            if key not in seen:
                seen.add(key)
                found.append(form)
    return found
