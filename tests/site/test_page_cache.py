"""Public pages of the register, the plans and the monitor are cached for anonymous visitors and
fresh the moment what they show changes."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from actionplans import services as plan_services
from bench.public_pages import PUBLIC_PAGES
from manifest import services as manifest_services
from manifest.models import SignatureStatus
from tests.factories import (
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    SignatureFactory,
)

pytestmark = pytest.mark.django_db

CACHED_PAGES = [
    "/manifest/",
    "/manifest/ondertekenaars/",
    "/manifest/ondertekenaars.csv",
    "/manifest/ondertekenaars.json",
    "/manifest/open-data/",
    "/organisaties/",
    "/organisaties/gm0344/",
    "/actieplannen/openbaar/",
    "/monitor/",
    "/monitor/data.csv",
]


@pytest.fixture
def published_plan(people):
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan MVOI Utrecht 2026-2029")
    GoalFactory(plan=plan)
    plan_services.plan_adopt(
        plan=plan, user=people.coordinator_a, adopted_on="2026-03-01", adopted_by="college van B en W"
    )
    return plan_services.plan_publish(plan=plan, user=people.coordinator_a)


def test_a_cached_page_is_served_without_queries_and_unchanged(
    client, locmem_cache, people, published_plan, django_assert_num_queries
):
    SignatureFactory(organisation=people.organisation_a)
    pages = [*CACHED_PAGES, published_plan.get_public_url()]
    first = {path: client.get(path) for path in pages}
    for path in pages:
        # The versions of what the page shows, and the page itself: no query of the page's own.
        with django_assert_num_queries(0):
            again = client.get(path)
        assert again.status_code == 200, path
        assert again.content == first[path].content, path


def test_open_data_from_the_cache_keeps_its_download_and_licence_headers(client, locmem_cache, people):
    SignatureFactory(organisation=people.organisation_a)
    client.get("/manifest/ondertekenaars.csv")
    cached = client.get("/manifest/ondertekenaars.csv")
    assert cached["Content-Disposition"] == 'attachment; filename="mvoi-ondertekenaars-2022-2025.csv"'
    assert cached["Access-Control-Allow-Origin"] == "*"
    assert 'rel="license"' in cached["Link"]
    assert cached["Content-Type"].startswith("text/csv")


def test_an_approved_signature_is_in_the_cached_register_at_once(client, locmem_cache, people, staff_in_session):
    signature = SignatureFactory(
        organisation=people.organisation_a, status=SignatureStatus.SUBMITTED, signatory_name="Anna de Wethouder"
    )
    for path in ("/manifest/ondertekenaars/", "/manifest/ondertekenaars.csv", "/organisaties/gm0344/", "/monitor/"):
        client.get(path)
    assert "Utrecht" not in client.get("/manifest/ondertekenaars.csv").content.decode()

    manifest_services.signature_approve(signature=signature, by=staff_in_session)

    assert "Utrecht" in client.get("/manifest/ondertekenaars.csv").content.decode()
    register = client.get("/manifest/ondertekenaars/").content.decode()
    assert signature.signatory_name in register
    assert signature.signatory_name in client.get("/organisaties/gm0344/").content.decode()


def test_a_withdrawn_signature_leaves_the_cached_register_at_once(client, locmem_cache, people):
    signature = SignatureFactory(organisation=people.organisation_a, signatory_name="Anna de Wethouder")
    assert signature.signatory_name in client.get("/manifest/ondertekenaars/").content.decode()
    manifest_services.signature_withdraw(signature=signature, by=people.coordinator_a, reason="Nieuw college")
    assert signature.signatory_name not in client.get("/manifest/ondertekenaars/").content.decode()


def test_a_renamed_organisation_is_renamed_on_cached_pages(client, locmem_cache, people):
    assert "Utrecht" in client.get("/organisaties/").content.decode()
    organisation = people.organisation_a
    organisation.name = "Utrecht (stad)"
    organisation.save()  # as the admin does; signals make the register's pages stale
    assert "Utrecht (stad)" in client.get("/organisaties/").content.decode()
    assert "Utrecht (stad)" in client.get("/organisaties/gm0344/").content.decode()


def test_publishing_and_unpublishing_a_plan_shows_at_once_on_cached_pages(client, locmem_cache, people):
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan MVOI Utrecht 2026-2029")
    GoalFactory(plan=plan)
    for path in ("/organisaties/gm0344/", "/actieplannen/openbaar/"):
        assert plan.title not in client.get(path).content.decode()

    plan_services.plan_adopt(plan=plan, user=people.coordinator_a, adopted_on="2026-03-01", adopted_by="college")
    plan_services.plan_publish(plan=plan, user=people.coordinator_a)
    for path in ("/organisaties/gm0344/", "/actieplannen/openbaar/", plan.get_public_url()):
        assert plan.title in client.get(path).content.decode(), path

    plan_services.plan_unpublish(plan=plan, user=people.coordinator_a)
    for path in ("/organisaties/gm0344/", "/actieplannen/openbaar/"):
        assert plan.title not in client.get(path).content.decode(), path
    assert client.get(plan.get_public_url()).status_code == 404


def test_members_see_their_own_page_not_the_cached_one(client, locmem_cache, people):
    SignatureFactory(organisation=people.organisation_a, status=SignatureStatus.SUBMITTED)
    anonymous_page = client.get("/organisaties/gm0344/").content.decode()
    assert "U bent lid van deze organisatie." not in anonymous_page
    client.force_login(people.member_a)
    member_page = client.get("/organisaties/gm0344/").content.decode()
    assert "U bent lid van deze organisatie." in member_page


@pytest.mark.parametrize(
    "public_page",
    [page for page in PUBLIC_PAGES if page.cached],
    ids=[page.name for page in PUBLIC_PAGES if page.cached],
)
def test_every_page_the_benchmark_holds_to_the_cached_targets_is_cached(
    client, locmem_cache, sample_content, public_page, django_assert_num_queries
):
    first = client.get(public_page.path)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(public_page.path)
    # Forms on the page get a freshly masked CSRF token on every response; the rest is the same.
    assert without_csrf_tokens(again.content) == without_csrf_tokens(first.content)


def without_csrf_tokens(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_a_page_another_process_rendered_comes_from_the_shared_cache_and_is_kept_in_memory(
    client, locmem_cache, people, django_assert_num_queries
):
    from django.core.cache import caches

    first = client.get("/organisaties/")
    caches["pages"].clear()  # this process has no copy of its own, as if another worker had rendered it
    with django_assert_num_queries(0):
        assert client.get("/organisaties/").content == first.content
    kept = [key for key in caches["pages"]._cache if "organisation_list" in key]
    assert len(kept) == 1


def test_progress_recorded_on_a_published_plan_shows_at_once_on_its_cached_page(
    client, locmem_cache, people, django_assert_num_queries
):
    action = ActionFactory(
        goal__plan__organisation=people.organisation_a, title="Spendanalyse", status="lopend", progress=20
    )
    plan = plan_services.plan_adopt(
        plan=action.goal.plan, user=people.coordinator_a, adopted_on="2026-03-01", adopted_by="college"
    )
    plan = plan_services.plan_publish(plan=plan, user=people.coordinator_a)
    cached = client.get(plan.get_public_url()).content.decode()
    assert '<td class="utrecht-table__cell">20%</td>' in cached
    with django_assert_num_queries(0):  # served from the cache
        assert client.get(plan.get_public_url()).content.decode() == cached

    member = Client()
    member.force_login(people.member_a)
    response = member.post(
        reverse("actionplans:action_progress", args=[plan.uuid, action.pk]),
        {"status": "lopend", "progress": 80, "version": action.version},
    )
    assert response.status_code == 302

    page = client.get(plan.get_public_url()).content.decode()
    assert '<td class="utrecht-table__cell">80%</td>' in page
    assert '<td class="utrecht-table__cell">20%</td>' not in page
    assert '<span class="mvoi-chart__number">80%</span>' in page  # the theme's progress in the chart
