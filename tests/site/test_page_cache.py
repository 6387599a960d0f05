"""Public pages of the register, the plans and the monitor are cached for anonymous visitors and
fresh the moment what they show changes."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import get_resolver, resolve, reverse
from django.utils import timezone

from actionplans import services as plan_services
from actionplans.cache import DEADLINES, INDICATORS, PLANS, PRODUCT_GROUPS
from actionplans.indicators import load_common_indicators
from actionplans.models import Action, ActionPlan, Showcase
from bench.public_pages import PUBLIC_PAGES
from core.page_cache import every_kind_changed, forget_process_memory, process_pages, release
from guidance import services as guidance_services
from guidance.cache import GUIDANCE, THEMES
from guidance.models import GuidancePage, PageStatus, Resource, Section, Theme
from manifest import services as manifest_services
from manifest.cache import REGISTER
from manifest.models import ManifestEdition, Signature, SignatureStatus
from tests.factories import (
    TEST_PASSWORD,
    ActionFactory,
    ActionPlanFactory,
    GoalFactory,
    ManifestEditionFactory,
    OrganisationFactory,
    ResourceFactory,
    SignatureFactory,
    UserFactory,
    submitted_report,
)
from tests.users import log_in_with_two_factor

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
    manifest_services.organisation_save(organisation=organisation)  # as the admin does
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
    """What a visitor reads: a page without its form tokens, a workbook as its cells (its bytes carry the
    moment it was written)."""
    if content.startswith(b"PK"):
        import io

        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content))
        return repr([list(sheet.values) for sheet in workbook.worksheets]).encode()
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_a_page_another_process_rendered_comes_from_the_shared_cache_and_is_kept_in_memory(
    client, locmem_cache, people, django_assert_num_queries
):
    first = client.get("/organisaties/")
    forget_process_memory()  # this process has no copy of its own, as if another worker had rendered it
    with django_assert_num_queries(0):
        assert client.get("/organisaties/").content == first.content
    assert process_pages.size > len(first.content)


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
    assert '<td class="utrecht-table__cell" data-label="Voortgang">20%</td>' in cached
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
    assert '<td class="utrecht-table__cell" data-label="Voortgang">80%</td>' in page
    assert '<td class="utrecht-table__cell" data-label="Voortgang">20%</td>' not in page
    assert '<span class="mvoi-chart__number">80%</span>' in page  # the theme's progress in the chart


# --- Security state is never pushed out by pages; pages stay within their budget ---------------------

WRONG_PASSWORD = "not-the-password-at-all"
TOO_MANY = "Te veel mislukte pogingen om in te loggen op dit account."


def log_in(client, password):
    return client.post(reverse("account_login"), {"login": "inkoper@utrecht.nl", "password": password})


def test_thirty_thousand_addresses_later_the_failed_login_limit_still_holds_and_pages_stay_within_budget(
    people, settings
):
    settings.PAGE_CACHE_PROCESS_BYTES = 200_000
    settings.CACHES = {**settings.CACHES, "pages": {**settings.CACHES["pages"], "OPTIONS": {"MAX_BYTES": 300_000}}}
    UserFactory(email="inkoper@utrecht.nl")
    attacker = Client()
    for _attempt in range(5):
        log_in(attacker, WRONG_PASSWORD)
    assert TOO_MANY in log_in(attacker, WRONG_PASSWORD).content.decode()  # the 6th is refused
    security_entries = _rows_in("portal_cache")

    visitor = Client()
    pages = ["/monitor/", "/manifest/open-data/", "/organisaties/gm0344/", "/themas/klimaat/", "/kennisbank/"]
    # Mostly a parameter no page reads (the page without it, nothing new stored); every 100th a search
    # nobody made before (stored, and the oldest pages go when the budget is full).
    paths = [
        f"/organisaties/?q=zoekterm-{number}" if number % 100 == 0 else f"{pages[number % len(pages)]}?bron={number}"
        for number in range(30_000)
    ]
    for path in paths:
        assert visitor.get(path).status_code == 200

    assert _rows_in("portal_cache") == security_entries  # page traffic wrote nothing there
    assert TOO_MANY in log_in(attacker, TEST_PASSWORD).content.decode()  # the 7th, the right password
    assert SESSION_KEY not in attacker.session
    assert 0 < caches["pages"].size() <= 300_000
    assert 0 < process_pages.size <= 200_000


def _rows_in(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - a fixed table name
        return cursor.fetchone()[0]


def test_a_parameter_the_page_does_not_read_gets_the_page_without_it_and_stores_nothing(
    client, locmem_cache, people, django_assert_num_queries
):
    plain = client.get("/organisaties/")
    stored = process_pages.size
    with django_assert_num_queries(0):
        tracked = client.get("/organisaties/?utm_source=nieuwsbrief&bron=1")
    assert tracked.content == plain.content
    assert "utm_source" not in tracked.content.decode()  # nor in the page's own links
    assert process_pages.size == stored


def test_a_parameter_repeated_or_in_another_order_gets_the_same_copy_and_stores_nothing(
    client, locmem_cache, people, django_assert_num_queries
):
    plain = client.get("/organisaties/?q=utrecht&kind=gemeente")
    stored = process_pages.size
    with django_assert_num_queries(0):
        for path in [
            "/organisaties/?kind=gemeente&q=utrecht",
            "/organisaties/?q=utrecht&q=utrecht&kind=gemeente&kind=gemeente",
            "/organisaties/?q=zwolle&q=utrecht&kind=gemeente",
        ]:
            assert client.get(path).content == plain.content, path
    assert process_pages.size == stored


@pytest.mark.parametrize(
    "path",
    [
        "/tools/?kind=onzin",
        "/organisaties/?kind=onzin",
        "/organisaties/?page=99",
        "/organisaties/?page=01",
        "/manifest/ondertekenaars/?provincie=xx99",
        "/actieplannen/openbaar/?track=onzin",
        "/kennisbank/zoeken/?q=catering&theme=onzin",
    ],
)
def test_a_value_the_page_refuses_is_answered_but_not_stored(client, locmem_cache, people, path):
    assert client.get(path).status_code == 200
    assert process_pages.size == 0
    assert not [key for key in caches["pages"]._cache if "page:" in key]


def test_valid_filters_and_pages_are_stored_each_apart(client, locmem_cache, people):
    OrganisationFactory.create_batch(60)
    client.get("/organisaties/?page=2")
    one = process_pages.size
    client.get("/organisaties/?kind=gemeente")
    assert process_pages.size > one


def test_the_process_keeps_the_pages_used_last_within_its_budget(client, locmem_cache, people, settings):
    settings.PAGE_CACHE_PROCESS_BYTES = 60_000
    for name in ("a", "b", "c", "d", "e", "f"):
        client.get(f"/organisaties/?q={name}")
    assert 0 < process_pages.size <= 60_000


def test_the_shared_table_keeps_the_newest_pages_within_its_budget(client, people, settings):
    settings.CACHES = {**settings.CACHES, "pages": {**settings.CACHES["pages"], "OPTIONS": {"MAX_BYTES": 60_000}}}
    for number in range(12):
        client.get(f"/organisaties/?q=gemeente-{number}")
    table = caches["pages"]
    assert 0 < table.size() <= 60_000
    assert table.get(REGISTER.key) is not None  # versions are never culled
    forget_process_memory()
    newest = client.get("/organisaties/?q=gemeente-11")
    assert "gemeente-11" in newest.content.decode()


# --- One rule: each page declares the kinds it shows; every change to a kind shows at once ----------

OLD_EDITION = "2016-2020"
# Every cached public page with the kinds of content whose change makes it stale. The test below
# checks this against what each view declares, and that every cached view is listed.
INVALIDATED_BY = {
    "/": {GUIDANCE, THEMES, PLANS, REGISTER},
    "/kennisbank/": {GUIDANCE},
    "/kennisbank/wat-is-mvoi/": {GUIDANCE, THEMES},
    "/kennisbank/zoeken/?q=aanbesteding": {GUIDANCE, THEMES},
    "/themas/": {THEMES},
    "/themas/klimaat/": {GUIDANCE, THEMES, PLANS, REGISTER},
    "/tools/": {GUIDANCE, THEMES},
    "/manifest/": {REGISTER},
    f"/manifest/{OLD_EDITION}/": {REGISTER},
    "/manifest/ondertekenaars/": {REGISTER, PLANS, DEADLINES},
    "/manifest/ondertekenaars.csv": {REGISTER, PLANS, DEADLINES},
    "/manifest/ondertekenaars.json": {REGISTER, PLANS, DEADLINES},
    "/manifest/open-data/": {REGISTER},
    "/organisaties/": {REGISTER},
    "/organisaties/gm0193/": {REGISTER, PLANS, DEADLINES},
    "/actieplannen/openbaar/": {PLANS, REGISTER, THEMES},
    "/actieplannen/openbaar/{plan}/": {PLANS, REGISTER, THEMES},
    "/monitor/": {PLANS, REGISTER, THEMES, DEADLINES},
    "/monitor/data.csv": {PLANS, REGISTER, THEMES, DEADLINES},
    "/monitor/data.json": {PLANS, REGISTER, THEMES, DEADLINES},
    "/monitor/data.xlsx": {PLANS, REGISTER, THEMES, DEADLINES},
    "/monitor/productgroepen/": {PLANS, PRODUCT_GROUPS, THEMES, REGISTER},
    "/monitor/productgroepen/data.csv": {PLANS, PRODUCT_GROUPS, THEMES, REGISTER},
    "/monitor/productgroepen/data.json": {PLANS, PRODUCT_GROUPS, THEMES, REGISTER},
    "/monitor/indicatoren/": {INDICATORS, PLANS, REGISTER, THEMES},
    "/monitor/indicatoren/data.csv": {INDICATORS, PLANS, REGISTER},
    "/monitor/indicatoren/data.json": {INDICATORS, PLANS, REGISTER},
    "/manifest/ondertekenaars.xlsx": {REGISTER, PLANS, DEADLINES},
    "/actieplannen/openbaar/{plan}/actieplan.xlsx": {PLANS, THEMES, REGISTER},
    "/aan-de-slag/": {GUIDANCE},
    "/voorbeelden/": {PLANS, REGISTER, THEMES},
    "/voorbeelden/voorbeeldacties.csv": {PLANS, REGISTER, THEMES},
    "/voorbeelden/voorbeeldacties.json": {PLANS, REGISTER, THEMES},
    "/actieplannen/openbaar/doelen-en-acties.csv": {PLANS, REGISTER},
    "/actieplannen/openbaar/doelen-en-acties.json": {PLANS, REGISTER},
    "/actieplannen/openbaar/{plan}/data.json": {PLANS, REGISTER},
}


@pytest.fixture
def public_content(people):
    """Utrecht signed and published a plan; Zwolle's signature waits and its plan is adopted, not published."""
    klimaat = Theme.objects.get(slug="klimaat")
    ManifestEditionFactory(slug=OLD_EDITION)
    SignatureFactory(organisation=people.organisation_a)
    SignatureFactory(organisation=people.organisation_b, status=SignatureStatus.SUBMITTED)
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan Utrecht")
    action = ActionFactory(
        goal=GoalFactory(plan=plan, theme=klimaat), title="Spendanalyse", status="lopend", progress=20
    )
    plan = plan_services.plan_adopt(plan=plan, user=people.coordinator_a, adopted_on="2026-03-01", adopted_by="college")
    plan = plan_services.plan_publish(plan=plan, user=people.coordinator_a)
    showcase = plan_services.showcase_save(action=action, user=people.coordinator_a, data={"result": "Inzicht."})
    Showcase.objects.filter(pk=showcase.pk).update(is_featured=True)  # on the home and theme pages too
    other = ActionPlanFactory(organisation=people.organisation_b, title="Actieplan Zwolle")
    GoalFactory(plan=other, theme=klimaat)
    plan_services.plan_adopt(plan=other, user=None, adopted_on="2026-03-01", adopted_by="college")
    page = GuidancePage(
        title="Aanbesteding met impact",
        slug="wat-is-mvoi",
        summary="Kort.",
        body="Over de aanbesteding.",
        section=Section.objects.order_by("order").first(),
        status=PageStatus.PUBLISHED,
    )
    guidance_services.guidance_page_save(page=page, editor=None, themes=[klimaat])
    ResourceFactory(title="Hulpmiddel voor klimaat", themes=[klimaat])
    load_common_indicators()  # the indicator monitor names their themes
    every_kind_changed()  # the factories above write past the services
    return people


def change_guidance(people):
    page = GuidancePage.objects.get(slug="wat-is-mvoi")
    page.title = "Aanbesteding met nog meer impact"
    guidance_services.guidance_page_save(page=page, editor=None)
    resource = Resource.objects.get(title="Hulpmiddel voor klimaat")
    resource.title = "Beter hulpmiddel voor klimaat"
    guidance_services.resource_save(resource=resource)


def change_themes(people):
    theme = Theme.objects.get(slug="klimaat")
    theme.name = "Klimaat en energie"
    guidance_services.theme_save(theme=theme)


def change_register(people):
    organisation = people.organisation_a
    organisation.name = "Utrecht aan de Vecht"
    manifest_services.organisation_save(organisation=organisation)
    waiting = Signature.objects.get(organisation=people.organisation_b)
    people.staff.is_superuser = True  # staff with the right to approve signatures, in a two-factor session
    people.staff.save()
    manifest_services.signature_approve(signature=waiting, by=log_in_with_two_factor(Client(), people.staff))
    edition = ManifestEdition.objects.current()
    edition.title = "Manifest MVOI 2022-2025, herzien"
    manifest_services.edition_save(edition=edition)


def change_plans(people):
    action = Action.objects.get(title="Spendanalyse")
    plan_services.action_progress_update(
        action=action, user=people.coordinator_a, status="afgerond", progress=100, version=action.version
    )
    plan_services.plan_publish(plan=ActionPlan.objects.get(title="Actieplan Zwolle"), user=None)
    submitted_report(ActionPlan.objects.get(title="Actieplan Utrecht"), 2026)  # Utrecht's stage: reported


# The indicator monitor shows plans (reports) and the register (tiers, provinces) only through the values
# of submitted reports, which the changes above do not touch; tests/actionplans/test_indicator_monitor.py
# shows a new report at once.
SHOWN_ONLY_THROUGH_REPORTED_VALUES = {
    path: {PLANS, REGISTER}
    for path in ("/monitor/indicatoren/", "/monitor/indicatoren/data.csv", "/monitor/indicatoren/data.json")
}
# The product groups' page and open data hold rows only for tagged actions and reported tenders, which the
# content here has none of (the page then differs only by its time stamp, so whether it changed depends on
# the clock); tests/actionplans/test_product_groups.py shows them change at once.
SHOWN_ONLY_THROUGH_REPORTED_VALUES.update(
    {
        path: {PLANS, REGISTER, THEMES}
        for path in (
            "/monitor/productgroepen/",
            "/monitor/productgroepen/data.csv",
            "/monitor/productgroepen/data.json",
        )
    }
)

CHANGES = {GUIDANCE: change_guidance, THEMES: change_themes, REGISTER: change_register, PLANS: change_plans}


def _paths() -> dict[str, set]:
    plan = ActionPlan.objects.get(title="Actieplan Utrecht")
    return {path.replace("{plan}", str(plan.uuid)): kinds for path, kinds in INVALIDATED_BY.items()}


def uncached_response(path: str):
    """The answer as its view gives it now: a session cookie takes the request past the cache."""
    visitor = Client()
    visitor.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"
    response = visitor.get(path)
    assert response.status_code == 200, path
    return response


def uncached(path: str) -> bytes:
    return without_csrf_tokens(uncached_response(path).content)


def test_the_table_lists_every_cached_page_with_the_kinds_its_view_declares(public_content):
    declared = {}
    for path in _paths():
        view = resolve(path.split("?")[0]).func
        declared[path] = set(view.public_page.all_kinds())
    assert declared == _paths()
    cached_views = {pattern.callback for pattern in _url_patterns() if hasattr(pattern.callback, "public_page")}
    assert {resolve(path.split("?")[0]).func for path in _paths()} == cached_views


def _url_patterns(patterns=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _url_patterns(pattern.url_patterns)
        else:
            yield pattern


@pytest.mark.parametrize("kind", CHANGES, ids=[kind.name for kind in CHANGES])
def test_each_kind_of_change_shows_at_once_on_every_page_that_shows_it(client, public_content, kind):
    paths = _paths()
    before = {}
    for path in paths:
        client.get(path)
        before[path] = without_csrf_tokens(client.get(path).content)  # from the cache

    CHANGES[kind](public_content)

    for path, kinds in paths.items():
        after = without_csrf_tokens(client.get(path).content)
        assert after == uncached(path), f"{path} is stale after a change to {kind.name}"
        if kind in kinds and kind not in SHOWN_ONLY_THROUGH_REPORTED_VALUES.get(path, ()):
            assert after != before[path], f"a change to {kind.name} does not show on {path}"


def test_a_renamed_theme_shows_at_once_on_published_plans_and_the_monitor(client, public_content):
    paths = ["/actieplannen/openbaar/", ActionPlan.objects.get(title="Actieplan Utrecht").get_public_url(), "/monitor/"]
    for path in paths:
        assert "Klimaat" in client.get(path).content.decode()
    change_themes(public_content)
    for path in paths:
        assert "Klimaat en energie" in client.get(path).content.decode(), path
    assert "Klimaat en energie" in client.get("/monitor/data.csv").content.decode()


# --- Admin edits go through the services ------------------------------------------------------------


def admin_form_data(client, url: str, **changes) -> dict:
    """What the admin's change form posts when saved unchanged, with `changes` typed in."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        elif value is not None:
            data[name] = field.widget.format_value(value) if hasattr(field.widget, "format_value") else value
    for prefix in _inline_prefixes(client, url):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return {**{name: "" if value is None else value for name, value in data.items()}, **changes}


def _inline_prefixes(client, url: str) -> list[str]:
    return [inline.formset.prefix for inline in client.get(url).context["inline_admin_formsets"]]


@pytest.fixture
def staff(client, public_content, staff_with_two_factor):
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    editor = Client()
    log_in_with_two_factor(editor, staff_with_two_factor)
    return editor


@pytest.mark.parametrize(
    ("admin_url", "changes", "shows_on"),
    [
        ("admin:guidance_guidancepage_change", {"title": "Vraag (admin)"}, "/kennisbank/"),
        ("admin:guidance_theme_change", {"name": "Klimaat (admin)"}, "/monitor/"),
        ("admin:guidance_resource_change", {"title": "Hulpmiddel (admin)"}, "/tools/"),
        ("admin:guidance_section_change", {"name": "Sectie (admin)"}, "/kennisbank/"),
        ("admin:manifest_organisation_change", {"name": "Utrecht (admin)"}, "/organisaties/"),
        ("admin:manifest_manifestedition_change", {"summary": "Samenvatting (admin)"}, "/manifest/"),
    ],
)
def test_an_admin_edit_shows_at_once_on_the_cached_pages(client, public_content, staff, admin_url, changes, shows_on):
    objects = {
        "admin:guidance_guidancepage_change": lambda: GuidancePage.objects.get(slug="wat-is-mvoi"),
        "admin:guidance_theme_change": lambda: Theme.objects.get(slug="klimaat"),
        "admin:guidance_resource_change": lambda: Resource.objects.get(title="Hulpmiddel voor klimaat"),
        "admin:guidance_section_change": lambda: GuidancePage.objects.get(slug="wat-is-mvoi").section,
        "admin:manifest_organisation_change": lambda: public_content.organisation_a,
        "admin:manifest_manifestedition_change": lambda: ManifestEdition.objects.current(),
    }
    url = reverse(admin_url, args=[objects[admin_url]().pk])
    paths = _paths()
    for path in paths:
        client.get(path)
    response = staff.post(url, admin_form_data(staff, url, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    assert next(iter(changes.values())) in client.get(shows_on).content.decode()
    for path in paths:
        assert without_csrf_tokens(client.get(path).content) == uncached(path), path


def test_deleting_a_tool_in_the_admin_takes_it_off_the_cached_pages_at_once(client, public_content, staff):
    resource = Resource.objects.get(title="Hulpmiddel voor klimaat")
    assert resource.title in client.get("/tools/").content.decode()
    response = staff.post(reverse("admin:guidance_resource_delete", args=[resource.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert resource.title not in client.get("/tools/").content.decode()
    assert resource.title not in client.get("/themas/klimaat/").content.decode()


# --- Output that changes with the clock alone ---------------------------------------------------------


def move_clock(monkeypatch, to: datetime.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: to)


SIGN_CALL = "Teken online voor uw organisatie."


def test_the_call_to_sign_appears_when_the_signing_window_opens_and_goes_when_it_closes(
    client, locmem_cache, people, monkeypatch
):
    today = timezone.localdate()
    edition = ManifestEdition.objects.current()
    edition.signing_opens, edition.signing_closes = (
        today + datetime.timedelta(days=1),
        today + datetime.timedelta(days=2),
    )
    manifest_services.edition_save(edition=edition)
    assert SIGN_CALL not in client.get("/manifest/").content.decode()

    move_clock(monkeypatch, _local_time(today + datetime.timedelta(days=1)))
    assert SIGN_CALL in client.get("/manifest/").content.decode()
    move_clock(monkeypatch, _local_time(today + datetime.timedelta(days=2), hour=23))
    assert SIGN_CALL in client.get("/manifest/").content.decode()  # the last day is a signing day
    move_clock(monkeypatch, _local_time(today + datetime.timedelta(days=3)))
    assert SIGN_CALL not in client.get("/manifest/").content.decode()


def test_an_action_is_marked_overdue_on_the_cached_plan_the_day_after_its_due_date(
    client, locmem_cache, people, monkeypatch
):
    today = timezone.localdate()
    action = ActionFactory(goal__plan__organisation=people.organisation_a, status="lopend", progress=10, due_date=today)
    plan = plan_services.plan_adopt(
        plan=action.goal.plan, user=people.coordinator_a, adopted_on="2026-03-01", adopted_by="college"
    )
    plan = plan_services.plan_publish(plan=plan, user=people.coordinator_a)
    assert "Te laat" not in client.get(plan.get_public_url()).content.decode()
    move_clock(monkeypatch, _local_time(today + datetime.timedelta(days=1)))
    assert "Te laat" in client.get(plan.get_public_url()).content.decode()


def _local_time(day: datetime.date, hour: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_the_next_day_every_cached_page_answers_as_its_view_would_then(client, public_content, monkeypatch):
    paths = _paths()
    for path in paths:
        client.get(path)
    move_clock(monkeypatch, timezone.now() + datetime.timedelta(days=1))

    for path in paths:
        cached = client.get(path)
        fresh = uncached_response(path)
        assert without_csrf_tokens(cached.content) == without_csrf_tokens(fresh.content), path
        # A download's name is part of what a visitor gets.
        assert cached.get("Content-Disposition") == fresh.get("Content-Disposition"), path


# --- A release never serves HTML of the release before ------------------------------------------------


def test_after_a_release_the_pages_carry_the_new_static_addresses(client, locmem_cache, people, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "staticfiles.json").write_text('{"paths": {"css/portal.css": "css/portal.1111.css"}}')
    release.cache_clear()
    assert 'href="/static/css/portal.css"' in client.get("/organisaties/").content.decode()

    # The next release moves its static files; its processes start with its own manifest.
    settings.STATIC_URL = "/static-2/"
    (tmp_path / "staticfiles.json").write_text('{"paths": {"css/portal.css": "css/portal.2222.css"}}')
    release.cache_clear()
    forget_process_memory()
    page = client.get("/organisaties/").content.decode()
    assert 'href="/static-2/css/portal.css"' in page
    assert "/static/css/" not in page
    release.cache_clear()


def test_within_one_release_the_page_stays_cached(client, locmem_cache, people, settings, django_assert_num_queries):
    first = client.get("/organisaties/")
    forget_process_memory()  # another process of the same release
    with django_assert_num_queries(0):
        assert client.get("/organisaties/").content == first.content
