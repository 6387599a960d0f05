"""After "not useful" a visitor may say what they missed; editors read it per page in the admin."""

import pytest
from django.test import Client
from django.urls import reverse

from guidance.models import PageFeedback, PageStatus
from tests.factories import GuidancePageFactory

pytestmark = pytest.mark.django_db


def _vote_no(client, page):
    return client.post(reverse("guidance:page_feedback", args=[page.slug]), {"useful": "no"})


def test_not_useful_leads_to_the_question_what_was_missing(client):
    page = GuidancePageFactory(slug="nuttig")
    response = _vote_no(client, page)
    step = reverse("guidance:page_feedback_missing", args=[page.slug])
    assert response.status_code == 302 and response["Location"] == step
    body = client.get(step).content.decode()
    assert '<h1 class="utrecht-heading-1">Wat miste u?</h1>' in body
    assert "Vul geen persoonsgegevens in" in body
    assert 'maxlength="500"' in body
    response = client.post(step, {"missing": "Een voorbeeld van een kleine gemeente"}, follow=True)
    assert "De redactie gebruikt die om de pagina te verbeteren." in response.content.decode()
    assert response.redirect_chain[-1][0] == page.get_absolute_url() + "#feedback"
    feedback = PageFeedback.objects.get()
    assert (feedback.is_useful, feedback.missing) == (False, "Een voorbeeld van een kleine gemeente")


def test_the_visitor_may_skip_the_question_and_the_vote_still_counts(client):
    page = GuidancePageFactory(slug="nuttig")
    _vote_no(client, page)
    response = client.post(reverse("guidance:page_feedback_missing", args=[page.slug]), {"missing": "  "})
    assert response.status_code == 302
    assert list(PageFeedback.objects.values_list("is_useful", "missing")) == [(False, "")]


def test_too_long_an_answer_is_refused_with_the_text_kept(client):
    page = GuidancePageFactory(slug="nuttig")
    _vote_no(client, page)
    text = "Te lang. " * 60
    response = client.post(reverse("guidance:page_feedback_missing", args=[page.slug]), {"missing": text})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Zorg dat deze waarde niet meer dan 500 tekens bevat" in body
    assert "Te lang. Te lang." in body
    assert PageFeedback.objects.get().missing == ""


def test_a_yes_is_thanked_at_once_without_a_second_step(client):
    page = GuidancePageFactory(slug="nuttig")
    response = client.post(reverse("guidance:page_feedback", args=[page.slug]), {"useful": "yes"})
    assert response["Location"] == page.get_absolute_url() + "#feedback"
    assert client.get(reverse("guidance:page_feedback_missing", args=[page.slug])).status_code == 302


def test_nobody_else_can_add_words_to_a_visitors_no(client):
    page = GuidancePageFactory(slug="nuttig")
    _vote_no(client, page)
    stranger = Client()
    step = reverse("guidance:page_feedback_missing", args=[page.slug])
    assert stranger.post(step, {"missing": "Iets anders"}).status_code == 302
    assert PageFeedback.objects.get().missing == ""


def test_the_answer_can_be_given_once(client):
    page = GuidancePageFactory(slug="nuttig")
    _vote_no(client, page)
    step = reverse("guidance:page_feedback_missing", args=[page.slug])
    client.post(step, {"missing": "Eerste antwoord"})
    client.post(step, {"missing": "Tweede antwoord"})
    assert PageFeedback.objects.get().missing == "Eerste antwoord"


def test_the_second_step_of_a_draft_page_is_404(client):
    page = GuidancePageFactory(slug="concept", status=PageStatus.DRAFT)
    assert client.get(reverse("guidance:page_feedback_missing", args=[page.slug])).status_code == 404


def test_the_cached_page_asks_for_feedback_with_a_working_form(locmem_cache):
    page = GuidancePageFactory(slug="nuttig")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(page.get_absolute_url())  # rendered and kept
    html = second.get(page.get_absolute_url()).content.decode()  # from the cache
    assert "Als de pagina niet nuttig was, vragen we wat u miste." in html
    import re

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = second.post(
        reverse("guidance:page_feedback", args=[page.slug]), {"useful": "no", "csrfmiddlewaretoken": token}
    )
    assert response["Location"] == reverse("guidance:page_feedback_missing", args=[page.slug])
    step = second.get(response["Location"]).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', step).group(1)
    second.post(response["Location"], {"missing": "Een stappenplan", "csrfmiddlewaretoken": token})
    assert PageFeedback.objects.get().missing == "Een stappenplan"


def test_the_database_keeps_missing_words_off_a_yes():
    from django.db import IntegrityError

    page = GuidancePageFactory(slug="nuttig")
    with pytest.raises(IntegrityError):
        PageFeedback.objects.create(page=page, is_useful=True, missing="Iets")
