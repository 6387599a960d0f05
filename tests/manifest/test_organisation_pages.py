import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from manifest.cache import REGISTER
from manifest.models import OrganisationKind
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def some_bodies(db):
    utrecht_province = OrganisationFactory(code="pv26", name="Provincie Utrecht", kind=OrganisationKind.PROVINCE)
    overijssel = OrganisationFactory(code="pv23", name="Provincie Overijssel", kind=OrganisationKind.PROVINCE)
    OrganisationFactory(code="gm0344", name="Gemeente Utrecht", province=utrecht_province)
    OrganisationFactory(code="gm0193", name="Gemeente Zwolle", province=overijssel)
    OrganisationFactory(code="ws0155", name="Waterschap Amstel, Gooi en Vecht", kind=OrganisationKind.WATER_BOARD)


def test_list_shows_every_active_body(client, some_bodies):
    response = client.get(reverse("manifest:organisation_list"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 5


def test_list_searches_by_name(client, some_bodies):
    response = client.get(reverse("manifest:organisation_list"), {"q": "zwol"})
    names = [organisation.name for organisation in response.context["page_obj"]]
    assert names == ["Gemeente Zwolle"]


def test_list_filters_by_tier_and_province(client, some_bodies):
    response = client.get(reverse("manifest:organisation_list"), {"kind": "gemeente", "province": "pv26"})
    assert [organisation.code for organisation in response.context["page_obj"]] == ["gm0344"]


def test_unknown_filter_values_give_a_form_error_not_a_crash(client, some_bodies):
    response = client.get(reverse("manifest:organisation_list"), {"kind": "koninkrijk", "province": "pv99"})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 5
    assert response.context["form"].errors


def test_list_query_count_does_not_grow_with_the_register(client, locmem_cache, some_bodies, django_assert_num_queries):
    REGISTER.changed()  # the factories write past the services
    # Count, one page of organisations, the provinces of the form; and, once per change for the page
    # cache, when a signing window next opens or closes.
    with django_assert_num_queries(4):
        client.get(reverse("manifest:organisation_list"))
    OrganisationFactory.create_batch(120)
    REGISTER.changed()
    with django_assert_num_queries(4):
        client.get(reverse("manifest:organisation_list"))


def test_organisation_page_shows_tier_and_province(client, some_bodies):
    response = client.get("/organisaties/gm0344/")
    content = response.content.decode()
    assert '<h1 class="utrecht-heading-1">Gemeente Utrecht</h1>' in content
    assert "Provincie Utrecht" in content
    assert "Gemeente" in content


def test_unknown_organisation_is_404(client, some_bodies):
    assert client.get("/organisaties/gm0000/").status_code == 404


def test_english_organisation_page(client, some_bodies):
    response = client.get("/en/organisaties/gm0193/")
    assert response.status_code == 200
    assert "Municipality" in response.content.decode()


def test_apps_add_sections_to_the_organisation_page(client, some_bodies, monkeypatch):
    from core.page_cache import ContentKind
    from manifest import organisation_page

    monkeypatch.setattr(organisation_page, "_SECTIONS", [])
    organisation_page.add_organisation_section(
        template="includes/messages.html",
        context=lambda organisation, request: {"code": organisation.code},
        kind=ContentKind("tests:section"),
    )
    response = client.get("/organisaties/gm0193/")
    assert response.context["sections"] == [("includes/messages.html", {"code": "gm0193"})]


def test_organisation_page_links_its_published_plan_and_hides_drafts(client, some_bodies):
    from actionplans.models import PlanStatus
    from manifest.models import Organisation
    from tests.factories import ActionPlanFactory

    utrecht = Organisation.objects.get(code="gm0344")
    published = ActionPlanFactory(
        organisation=utrecht,
        title="Actieplan MVOI Utrecht",
        status=PlanStatus.PUBLISHED,
        adopted_on=datetime.date(2026, 3, 1),
        adopted_by="college van B en W",
        published_at=timezone.now(),
    )
    ActionPlanFactory(organisation=utrecht, title="Geheim concept", status=PlanStatus.DRAFT)
    content = client.get("/organisaties/gm0344/").content.decode()
    assert f'href="/actieplannen/openbaar/{published.uuid}/"' in content
    assert "Geheim concept" not in content
