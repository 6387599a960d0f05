from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from guidance import services
from guidance.models import (
    ContactMessage,
    FactCheck,
    GuidancePage,
    PageFeedback,
    PageStatus,
    RevisionState,
    Section,
    review_date_after,
)
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db


def _form_data(page: GuidancePage, **changes) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": page.body,
        "base_version": page.version,
        "section": page.section_id or "",
        "order": page.order,
        "audience": page.audience,
        "status": page.status,
        "publish_at_0": "",
        "publish_at_1": "",
        "review_by": "",
        "title_en": page.title_en,
        "summary_en": page.summary_en,
        "body_en": page.body_en,
        "fact_checks-TOTAL_FORMS": "0",
        "fact_checks-INITIAL_FORMS": "0",
        "fact_checks-MIN_NUM_FORMS": "0",
        "fact_checks-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.fixture
def guidance_page(editor):
    return services.guidance_page_save(
        page=GuidancePage(
            title="Wat is MVOI?",
            slug="wat-is-mvoi",
            summary="Kort",
            body="Oorspronkelijke tekst",
            section=Section.objects.first(),
        ),
        editor=editor,
    )


@pytest.mark.parametrize("who", ["member_a", "coordinator_a"])
def test_members_of_organisations_cannot_open_the_knowledge_base_admin(client, people, who):
    client.force_login(getattr(people, who))
    response = client.get(reverse("admin:guidance_guidancepage_changelist"))
    assert response.status_code == 302


def test_editor_sees_the_pages_with_filters_and_feedback_counts(client, editor, guidance_page):
    PageFeedback.objects.create(page=guidance_page, is_useful=True)
    PageFeedback.objects.create(page=guidance_page, is_useful=False)
    PageFeedback.objects.create(page=guidance_page, is_useful=True)
    log_in_with_two_factor(client, editor)
    response = client.get(reverse("admin:guidance_guidancepage_changelist"))
    body = response.content.decode()
    assert "Wat is MVOI?" in body
    assert "2 / 1" in body
    for parameter in ["status__exact=", "section__id__exact=", "themes__id__exact=", "audience__exact=", "review=due"]:
        assert parameter in body


def test_editing_a_page_saves_a_revision_and_bumps_the_version(client, editor, guidance_page):
    page = guidance_page
    log_in_with_two_factor(client, editor)
    url = reverse("admin:guidance_guidancepage_change", args=[page.pk])
    assert "Schrijven in markdown" in client.get(url).content.decode()
    response = client.post(url, _form_data(guidance_page, body="Nieuwe tekst"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.body, page.version, page.last_editor) == ("Nieuwe tekst", 2, editor)
    assert page.revisions.count() == 2


def test_the_second_of_two_concurrent_editors_gets_both_versions_and_keeps_their_text(
    client, editor, second_editor, guidance_page
):
    page = guidance_page
    url = reverse("admin:guidance_guidancepage_change", args=[page.pk])
    opened_by_both = _form_data(guidance_page)
    log_in_with_two_factor(client, editor)
    assert client.post(url, {**opened_by_both, "body": "Tekst van Eva"}).status_code == 302
    log_in_with_two_factor(client, second_editor)
    response = client.post(url, {**opened_by_both, "body": "Tekst van Piet"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "heeft deze pagina opgeslagen terwijl u hem bewerkte" in body
    assert "Tekst van Eva" in body  # their version is shown
    assert "Tekst van Piet" in body  # and my text is still in the form
    page.refresh_from_db()
    assert page.body == "Tekst van Eva"
    # Saving again after reading the conflict deliberately keeps Piet's text.
    retry = {**opened_by_both, "body": "Tekst van Piet", "base_version": page.version}
    assert client.post(url, retry).status_code == 302
    page.refresh_from_db()
    assert page.body == "Tekst van Piet"
    assert page.revisions.count() == 3


def test_editors_compare_two_revisions_and_restore_one(client, editor, guidance_page):
    page = guidance_page
    page.body = "Tweede tekst"
    services.guidance_page_save(page=guidance_page, editor=editor)
    log_in_with_two_factor(client, editor)
    url = reverse("admin:guidance_guidancepage_revisions", args=[page.pk])
    body = client.get(url, {"a": 1, "b": 2}).content.decode()
    assert "− Oorspronkelijke tekst" in body and "+ Tweede tekst" in body
    response = client.post(reverse("admin:guidance_guidancepage_restore", args=[page.pk, 1]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "Oorspronkelijke tekst"


def test_restore_needs_a_post(client, editor, guidance_page):
    page = guidance_page
    log_in_with_two_factor(client, editor)
    assert client.get(reverse("admin:guidance_guidancepage_restore", args=[page.pk, 1])).status_code == 405


def test_bulk_publish_and_unpublish_actions(client, editor, guidance_page):
    page = guidance_page
    page.status = PageStatus.DRAFT
    services.guidance_page_save(page=guidance_page, editor=editor)
    log_in_with_two_factor(client, editor)
    url = reverse("admin:guidance_guidancepage_changelist")
    client.post(url, {"action": "publish_pages", "_selected_action": [page.pk]})
    assert GuidancePage.objects.published().filter(pk=page.pk).exists()
    client.post(url, {"action": "unpublish_pages", "_selected_action": [page.pk]})
    assert not GuidancePage.objects.published().filter(pk=page.pk).exists()


def test_review_list_shows_only_pages_whose_review_date_has_passed(client, editor, guidance_page):
    page = guidance_page
    page.review_by = timezone.localdate() - timedelta(days=1)
    services.guidance_page_save(page=guidance_page, editor=editor)
    services.guidance_page_save(
        page=GuidancePage(title="Nog niet", slug="nog-niet", summary="x", body="x", review_by=timezone.localdate()
        + timedelta(days=30)),
        editor=editor,
    )  # fmt: skip
    log_in_with_two_factor(client, editor)
    body = client.get(reverse("admin:guidance_pagedueforreview_changelist")).content.decode()
    assert "Wat is MVOI?" in body and "Nog niet" not in body


def test_the_facts_to_verify_list_shows_open_items_first(client, editor, guidance_page):
    FactCheck.objects.create(description="Bedrag controleren", page=guidance_page)
    FactCheck.objects.create(description="Al gedaan", page=guidance_page, is_resolved=True)
    log_in_with_two_factor(client, editor)
    body = client.get(reverse("admin:guidance_factcheck_changelist")).content.decode()
    assert body.index("Bedrag controleren") < body.index("Al gedaan")


def test_contact_inbox_shows_new_messages_first_and_marks_them_answered(client, editor):
    old = ContactMessage.objects.create(name="Oud", email="a@example.org", message="x", status="answered")
    new = ContactMessage.objects.create(name="Nieuw", email="b@example.org", message="y")
    log_in_with_two_factor(client, editor)
    url = reverse("admin:guidance_contactmessage_changelist")
    body = client.get(url).content.decode()
    assert body.index(">Nieuw<") < body.index(">Oud<")
    response = client.post(url, {"action": "mark_answered", "_selected_action": [new.pk, old.pk]}, follow=True)
    assert set(ContactMessage.objects.values_list("status", flat=True)) == {"answered"}
    assert "1 bericht gemarkeerd" in response.content.decode()  # the one that was still new, not both


@pytest.mark.usefixtures("guidance_page")
def test_every_admin_page_of_the_knowledge_base_opens(client, editor):
    log_in_with_two_factor(client, editor)
    for name in ["guidancepage", "theme", "section", "resource", "factcheck", "pagefeedback", "contactmessage"]:
        assert client.get(reverse(f"admin:guidance_{name}_changelist")).status_code == 200, name
    assert client.get(reverse("admin:guidance_guidancepage_add")).status_code == 200
    assert client.get(reverse("admin:guidance_theme_change", args=[1])).status_code == 200


def test_staff_who_may_only_view_pages_cannot_publish_them(client, guidance_page, editor):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory, give_totp_authenticator

    services.guidance_pages_unpublish(pages=[guidance_page], editor=editor)
    viewer = give_totp_authenticator(UserFactory(email="lezer@vng.example", is_staff=True)).user
    viewer.user_permissions.add(Permission.objects.get(codename="view_guidancepage"))
    log_in_with_two_factor(client, viewer)
    url = reverse("admin:guidance_guidancepage_changelist")
    listing = client.get(url)
    assert listing.status_code == 200  # the viewer does get the list, just without the action
    assert "publish_pages" not in listing.content.decode()
    client.post(url, {"action": "publish_pages", "_selected_action": [guidance_page.pk]})
    assert not GuidancePage.objects.published().exists()


def test_changing_the_order_in_the_list_goes_through_revisions(client, editor, guidance_page):
    log_in_with_two_factor(client, editor)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(guidance_page.pk),
        "form-0-order": "7",
        "_save": "Opslaan",
    }
    response = client.post(reverse("admin:guidance_guidancepage_changelist"), data)
    assert response.status_code == 302
    guidance_page.refresh_from_db()
    assert guidance_page.order == 7
    assert guidance_page.revisions.count() == 2


# --- Scheduled changes to live pages -----------------------------------------------------------


@pytest.fixture
def live_page(guidance_page, editor):
    services.guidance_pages_publish(pages=[guidance_page], editor=editor)
    guidance_page.refresh_from_db()
    return guidance_page


def _moment_fields(moment) -> dict:
    local = timezone.localtime(moment)
    return {"publish_at_0": local.strftime("%d-%m-%Y"), "publish_at_1": local.strftime("%H:%M:%S")}


def test_a_live_page_saved_with_a_future_moment_stays_online_and_the_admin_says_when(
    client, editor, live_page, clock, locmem_cache
):
    page = live_page
    log_in_with_two_factor(client, editor)
    url = reverse("admin:guidance_guidancepage_change", args=[page.pk])
    moment = clock.now.replace(second=0) + timedelta(days=3)
    data = _form_data(page, body="Nieuwe tekst", **_moment_fields(moment))
    response = client.post(url, data, follow=True)
    body = response.content.decode()
    when = date_format(timezone.localtime(moment), "j F Y H:i")
    assert f"Uw wijzigingen aan ‘Wat is MVOI?’ zijn ingepland: ze gaan live op {when}." in body
    assert "is gewijzigd" not in body  # not the admin's usual "changed successfully"

    visitor = Client()
    assert "Oorspronkelijke tekst" in visitor.get(page.get_absolute_url()).content.decode()
    page.refresh_from_db()
    assert page.body == "Oorspronkelijke tekst" and page.publish_at is None

    form = client.get(url).content.decode()
    assert f"Wijziging gepland op {when}" in form
    assert "Oorspronkelijke tekst" in form  # the form shows the live version
    listing = client.get(reverse("admin:guidance_guidancepage_changelist")).content.decode()
    assert f"Gepubliceerd; wijzigt op {when}" in listing
    assert (
        "Wat is MVOI?"
        in client.get(reverse("admin:guidance_guidancepage_changelist"), {"review": "scheduled"}).content.decode()
    )

    clock.move(days=3)
    assert "Nieuwe tekst" in Client().get(page.get_absolute_url()).content.decode()


def test_editors_edit_the_scheduled_version_and_publish_it_now(client, editor, live_page, clock):
    page = live_page
    page.body, page.publish_at = "Geplande tekst", clock.now + timedelta(days=1)
    revision = services.guidance_page_schedule_change(page=page, editor=editor)
    page.refresh_from_db()
    log_in_with_two_factor(client, editor)
    url = reverse("admin:guidance_guidancepage_change", args=[page.pk])
    form = client.get(url, {"scheduled": 1}).content.decode()
    assert "U bewerkt de geplande versie" in form
    assert "Geplande tekst</textarea>" in form
    assert f'name="scheduled_revision" value="{revision.pk}"' in form

    data = _form_data(page, body="Geplande tekst, verbeterd", scheduled_revision=revision.pk)
    assert client.post(url, data).status_code == 302
    page.refresh_from_db()
    revision.refresh_from_db()
    assert page.body == "Geplande tekst, verbeterd"
    assert revision.state == RevisionState.CANCELLED
    clock.move(days=2)
    assert services.scheduled_changes_publish_due() == 0


def test_editors_cancel_a_scheduled_change_and_the_live_page_stays(client, editor, live_page, clock):
    page = live_page
    page.body, page.publish_at = "Geplande tekst", clock.now + timedelta(days=1)
    revision = services.guidance_page_schedule_change(page=page, editor=editor)
    log_in_with_two_factor(client, editor)
    cancel = reverse("admin:guidance_guidancepage_cancel_schedule", args=[page.pk, revision.number])
    assert client.get(cancel).status_code == 405
    response = client.post(cancel, follow=True)
    assert "De geplande wijziging is geannuleerd." in response.content.decode()
    clock.move(days=2)
    assert services.scheduled_changes_publish_due() == 0
    page.refresh_from_db()
    assert page.body == "Oorspronkelijke tekst"


def test_saving_the_live_version_warns_that_a_scheduled_change_will_still_replace_it(client, editor, live_page, clock):
    page = live_page
    page.body, page.publish_at = "Geplande tekst", clock.now + timedelta(days=1)
    services.guidance_page_schedule_change(page=page, editor=editor)
    page.refresh_from_db()
    page.body, page.publish_at = "Oorspronkelijke tekst", None
    log_in_with_two_factor(client, editor)
    url = reverse("admin:guidance_guidancepage_change", args=[page.pk])
    response = client.post(url, _form_data(page, body="Snelle correctie"), follow=True)
    assert "Voor deze pagina staat nog een wijziging gepland op" in response.content.decode()
    page.refresh_from_db()
    assert page.body == "Snelle correctie"


def test_the_revision_list_shows_when_a_scheduled_change_goes_live(client, editor, live_page, clock):
    page = live_page
    page.body, page.publish_at = "Geplande tekst", clock.now.replace(second=0) + timedelta(days=1)
    services.guidance_page_schedule_change(page=page, editor=editor)
    log_in_with_two_factor(client, editor)
    body = client.get(reverse("admin:guidance_guidancepage_revisions", args=[page.pk])).content.decode()
    assert f"gepland op {date_format(timezone.localtime(page.publish_at), 'j F Y H:i')}" in body
    assert "+ Geplande tekst" in body  # compared with the live version by default


# --- Review dates ---------------------------------------------------------------------------------


def test_a_new_published_page_gets_a_review_date_twelve_months_later(client, editor):
    log_in_with_two_factor(client, editor)
    data = _form_data(
        GuidancePage(title="Nieuw", slug="nieuw", summary="x", body="x", status=PageStatus.PUBLISHED, version=0)
    )
    assert client.post(reverse("admin:guidance_guidancepage_add"), data).status_code == 302
    today = timezone.localdate()
    assert GuidancePage.objects.get(slug="nieuw").review_by == review_date_after(today)
    assert review_date_after(today).year == today.year + 1


def test_a_draft_gets_its_review_date_when_it_is_published(editor):
    page = services.guidance_page_save(page=GuidancePage(title="x", slug="x", summary="x", body="x"), editor=editor)
    assert page.review_by is None
    services.guidance_pages_publish(pages=[page], editor=editor)
    page.refresh_from_db()
    assert page.review_by == review_date_after(timezone.localdate())


def test_a_page_published_on_29_february_is_reviewed_on_28_february():
    from datetime import date

    assert review_date_after(date(2028, 2, 29)) == date(2029, 2, 28)


def test_the_review_list_has_a_dutch_title_and_no_add_button(client, editor, guidance_page):
    log_in_with_two_factor(client, editor)
    body = client.get(reverse("admin:guidance_pagedueforreview_changelist")).content.decode()
    assert "<h1>Pagina&#x27;s om te beoordelen</h1>" in body
    assert "Selecteer" not in body.split("<h1>")[1].split("</h1>")[0]
    assert reverse("admin:guidance_pagedueforreview_add") not in body
    assert client.get(reverse("admin:guidance_pagedueforreview_add")).status_code == 403


# --- Feedback -------------------------------------------------------------------------------------


def test_editors_read_what_visitors_missed_per_page_and_mark_it_handled(client, editor, guidance_page):
    other = services.guidance_page_save(
        page=GuidancePage(title="Andere", slug="andere", summary="x", body="x", status=PageStatus.PUBLISHED),
        editor=editor,
    )
    missed = PageFeedback.objects.create(page=guidance_page, is_useful=False, missing="Een voorbeeld uit de praktijk")
    PageFeedback.objects.create(page=other, is_useful=False, missing="Iets over een andere pagina")
    log_in_with_two_factor(client, editor)
    form = client.get(reverse("admin:guidance_guidancepage_change", args=[guidance_page.pk])).content.decode()
    link = f"{reverse('admin:guidance_pagefeedback_changelist')}?page__id__exact={guidance_page.pk}"
    assert f'href="{link}">Reacties (1 niet nuttig)</a>' in form
    listing = client.get(link).content.decode()
    assert "Een voorbeeld uit de praktijk" in listing and "Iets over een andere pagina" not in listing
    client.post(link, {"action": "mark_handled", "_selected_action": [missed.pk]})
    missed.refresh_from_db()
    assert missed.is_handled
    change = client.get(reverse("admin:guidance_pagefeedback_change", args=[missed.pk])).content.decode()
    assert 'name="missing"' not in change  # visitors' words are read, never edited
