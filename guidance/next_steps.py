"""The fixed "next step" box under a few knowledge base pages: where in the portal the reader acts on what they read.

The box is not part of a page's Markdown, so editors can rewrite the text without losing the way on.
The pages are named by slug here and nowhere else; the places in the portal by URL name, so the
knowledge base imports no other app. A URL that does not exist (an app switched off) leaves the box out.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

GETTING_STARTED = "getting_started"


@dataclass(frozen=True)
class NextStep:
    page_slug: str  # the knowledge base page that explains the step and shows the box
    heading: Promise
    text: Promise
    url_name: str  # where the step is taken in the portal
    link_text: Promise

    @property
    def url(self) -> str | None:
        return _reverse(self.url_name)

    @property
    def all_steps_url(self) -> str | None:
        """The overview of every step, unless the box already leads there."""
        return None if self.url_name == GETTING_STARTED else _reverse(GETTING_STARTED)


def _reverse(url_name: str) -> str | None:
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


NEXT_STEPS = {
    "understand": NextStep(
        page_slug="wat-is-mvoi",
        heading=_("Next step: from reading to doing"),
        text=_(
            "See the steps from signing the manifest to a reported action plan, what each one asks of you and "
            "where you take it in this portal."
        ),
        url_name=GETTING_STARTED,
        link_text=_("Getting started"),
    ),
    "sign": NextStep(
        page_slug="wat-is-het-manifest-mvoi",
        heading=_("Next step: sign the manifest"),
        text=_(
            "Your organisation signs online in this portal. You need an account with your work e-mail address "
            "and a membership of the organisation you sign for; the portal helps you with both."
        ),
        url_name="manifest:sign",
        link_text=_("Sign the manifest online"),
    ),
    "plan": NextStep(
        page_slug="hoe-stel-ik-een-actieplan-mvoi-op",
        heading=_("Next step: start your action plan"),
        text=_(
            "Start from a template for a starting or an advanced organisation, or from the published plan of "
            "another organisation. Your colleagues work on the draft with you."
        ),
        url_name="actionplans:plan_create",
        link_text=_("Start an action plan"),
    ),
}


def for_page(slug: str) -> NextStep | None:
    """The box to show under the page with this slug, if any, and only when its link works."""
    step = next((step for step in NEXT_STEPS.values() if step.page_slug == slug), None)
    return step if step is not None and step.url else None


def page_url(key: str) -> str:
    """The address of the knowledge base page that explains step `key` ("understand", "sign", "plan")."""
    return reverse("guidance:page_detail", kwargs={"slug": NEXT_STEPS[key].page_slug})
