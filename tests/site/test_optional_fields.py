"""Every field a person may leave empty says so in its label, search boxes and filters included."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import SignatureFactory

pytestmark = pytest.mark.django_db

CONTROLS = {"input", "select", "textarea"}
NOT_TYPED = {"hidden", "submit", "button", "checkbox", "radio"}  # a lone box is optional by nature


class _Fields(HTMLParser):
    """Labels by the id they point at, and each form control's id, tag and whether it is required."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.labels: dict[str, str] = {}
        self.controls: list[tuple[str, str, bool]] = []
        self._label_for: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "label" and attributes.get("for"):
            self._label_for = attributes["for"]
            self.labels[self._label_for] = ""
        elif tag in CONTROLS and attributes.get("type") not in NOT_TYPED and attributes.get("id"):
            self.controls.append((attributes["id"], tag, "required" in attributes))

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_for = None

    def handle_data(self, data):
        if self._label_for:
            self.labels[self._label_for] += data


def optional_fields_without_mark(html: str, mark: str) -> list[str]:
    parser = _Fields()
    parser.feed(html)
    optional = [control_id for control_id, _tag, required in parser.controls if not required]
    assert optional, "the page has no optional field to check"
    return [
        f"{control_id}: {' '.join(parser.labels.get(control_id, '(no label)').split())}"
        for control_id in optional
        if mark not in parser.labels.get(control_id, "")
    ]


PUBLIC_PAGES = [
    ("home", ""),
    ("guidance:index", ""),
    ("guidance:search", "?q=inkoop"),
    ("guidance:resource_list", ""),
    ("manifest:register", ""),
    ("manifest:organisation_list", ""),
    ("actionplans:published_list", ""),
]


@pytest.mark.parametrize(("name", "query"), PUBLIC_PAGES)
@pytest.mark.parametrize(("prefix", "mark"), [("", "(niet verplicht)"), ("/en", "(optional)")])
def test_search_boxes_and_filters_say_they_are_optional(client, people, name, query, prefix, mark):
    SignatureFactory(organisation=people.organisation_a)
    response = client.get(prefix + reverse(name) + query)
    assert response.status_code == 200
    assert optional_fields_without_mark(response.content.decode(), mark) == []


def test_the_plans_filter_of_a_member_says_it_is_optional(client, people):
    client.force_login(people.member_a)
    response = client.get(reverse("actionplans:index"))
    assert optional_fields_without_mark(response.content.decode(), "(niet verplicht)") == []
