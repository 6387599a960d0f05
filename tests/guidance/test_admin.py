from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from guidance import services
from guidance.models import ContactMessage, FactCheck, GuidancePage, PageFeedback, PageStatus, Section

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
    client.force_login(editor)
    response = client.get(reverse("admin:guidance_guidancepage_changelist"))
    body = response.content.decode()
    assert "Wat is MVOI?" in body
    assert "2 / 1" in body
    for parameter in ["status__exact=", "section__id__exact=", "themes__id__exact=", "audience__exact=", "review=due"]:
        assert parameter in body


def test_editing_a_page_saves_a_revision_and_bumps_the_version(client, editor, guidance_page):
    page = guidance_page
    client.force_login(editor)
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
    client.force_login(editor)
    assert client.post(url, {**opened_by_both, "body": "Tekst van Eva"}).status_code == 302
    client.force_login(second_editor)
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
    client.force_login(editor)
    url = reverse("admin:guidance_guidancepage_revisions", args=[page.pk])
    body = client.get(url, {"a": 1, "b": 2}).content.decode()
    assert "− Oorspronkelijke tekst" in body and "+ Tweede tekst" in body
    response = client.post(reverse("admin:guidance_guidancepage_restore", args=[page.pk, 1]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "Oorspronkelijke tekst"


def test_restore_needs_a_post(client, editor, guidance_page):
    page = guidance_page
    client.force_login(editor)
    assert client.get(reverse("admin:guidance_guidancepage_restore", args=[page.pk, 1])).status_code == 405


def test_bulk_publish_and_unpublish_actions(client, editor, guidance_page):
    page = guidance_page
    page.status = PageStatus.DRAFT
    services.guidance_page_save(page=guidance_page, editor=editor)
    client.force_login(editor)
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
    client.force_login(editor)
    body = client.get(reverse("admin:guidance_pagedueforreview_changelist")).content.decode()
    assert "Wat is MVOI?" in body and "Nog niet" not in body


def test_the_facts_to_verify_list_shows_open_items_first(client, editor, guidance_page):
    FactCheck.objects.create(description="Bedrag controleren", page=guidance_page)
    FactCheck.objects.create(description="Al gedaan", page=guidance_page, is_resolved=True)
    client.force_login(editor)
    body = client.get(reverse("admin:guidance_factcheck_changelist")).content.decode()
    assert body.index("Bedrag controleren") < body.index("Al gedaan")


def test_contact_inbox_shows_new_messages_first_and_marks_them_answered(client, editor):
    old = ContactMessage.objects.create(name="Oud", email="a@example.org", message="x", status="answered")
    new = ContactMessage.objects.create(name="Nieuw", email="b@example.org", message="y")
    client.force_login(editor)
    url = reverse("admin:guidance_contactmessage_changelist")
    body = client.get(url).content.decode()
    assert body.index(">Nieuw<") < body.index(">Oud<")
    client.post(url, {"action": "mark_answered", "_selected_action": [new.pk, old.pk]})
    assert set(ContactMessage.objects.values_list("status", flat=True)) == {"answered"}


@pytest.mark.usefixtures("guidance_page")
def test_every_admin_page_of_the_knowledge_base_opens(client, editor):
    client.force_login(editor)
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
    client.force_login(viewer)
    url = reverse("admin:guidance_guidancepage_changelist")
    listing = client.get(url)
    assert listing.status_code == 200  # the viewer does get the list, just without the action
    assert "publish_pages" not in listing.content.decode()
    client.post(url, {"action": "publish_pages", "_selected_action": [guidance_page.pk]})
    assert not GuidancePage.objects.published().exists()


def test_changing_the_order_in_the_list_goes_through_revisions(client, editor, guidance_page):
    client.force_login(editor)
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
