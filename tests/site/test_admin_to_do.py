"""The admin's home page starts with what waits for VNG staff, each with a count and a link to its list."""

import re
from datetime import timedelta
from html import unescape as html_unescape

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from actionplans.models import DeadlineExtension, ExtensionStatus
from core.admin import TO_DO, ToDoList
from guidance.models import ContactMessage, PageFeedback
from manifest.models import CoordinatorRequest, CoordinatorRequestStatus, MembershipStatus, SignatureStatus
from tests.factories import (
    ActionPlanFactory,
    GuidancePageFactory,
    MembershipFactory,
    OrganisationFactory,
    ProductGroupFactory,
    SignatureFactory,
    UserFactory,
    current_edition,
    give_totp_authenticator,
    plan_review,
)
from tests.users import log_in_with_two_factor

pytestmark = pytest.mark.django_db
ADMIN = reverse("admin:index")


def _waiting_work(size: int) -> None:
    """`size` of each kind of waiting item, and as many that no longer wait."""
    for number in range(size):
        organisation = OrganisationFactory(code=f"gm{size}{number:03d}", name=f"Gemeente {size}-{number}")
        ProductGroupFactory(name=f"Nog na te kijken {size}-{number}", to_check=True)
        ProductGroupFactory(name=f"Nagekeken {size}-{number}", to_check=False)
        SignatureFactory(organisation=organisation, status=SignatureStatus.SUBMITTED)
        MembershipFactory(organisation=organisation, status=MembershipStatus.REQUESTED)
        member = MembershipFactory(organisation=organisation, status=MembershipStatus.VERIFIED)
        CoordinatorRequest.objects.create(membership=member, reason="Ik leid het inkoopteam.")
        CoordinatorRequest.objects.create(
            membership=MembershipFactory(organisation=organisation),
            reason="Eerder gevraagd",
            status=CoordinatorRequestStatus.REFUSED,
            refusal_reason="Nog niet",
        )
        page = GuidancePageFactory(review_by=timezone.localdate() - timedelta(days=1))
        GuidancePageFactory(review_by=timezone.localdate() + timedelta(days=30))
        ContactMessage.objects.create(name="Vraagsteller", email="v@example.org", message="Vraag")
        ContactMessage.objects.create(name="Beantwoord", email="b@example.org", message="Vraag", status="answered")
        PageFeedback.objects.create(page=page, is_useful=False, missing="Een voorbeeld")
        PageFeedback.objects.create(page=page, is_useful=False, is_handled=True)
        PageFeedback.objects.create(page=page, is_useful=True)
        adopted = {"status": "vastgesteld", "adopted_on": timezone.localdate(), "organisation": organisation}
        plan_review(ActionPlanFactory(**adopted), "ingediend")
        plan_review(ActionPlanFactory(**adopted), "teruggekoppeld")
        for status, refusal in [(ExtensionStatus.REQUESTED, ""), (ExtensionStatus.REFUSED, "Nee")]:
            DeadlineExtension.objects.create(
                organisation=organisation,
                edition=current_edition(),
                subject="actieplan",
                due_on=timezone.localdate(),
                new_date=timezone.localdate() + timedelta(days=90),
                reason="Verkiezingen",
                status=status,
                refusal_reason=refusal,
                decided_at=None if refusal == "" else timezone.now(),
            )


def _to_do(html: str) -> list[tuple[str, str, str]]:
    section = html.split('<section class="mvoi-admin-todo"', 1)[1].split("</section>", 1)[0]
    return re.findall(
        r'<a href="([^"]+)"><span class="mvoi-admin-todo__count">(\d+)</span> ([^<]+)</a>',
        html_unescape(section),
    )


def test_the_admin_home_starts_with_what_waits_with_counts_and_links(client, staff_with_two_factor):
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    _waiting_work(2)
    log_in_with_two_factor(client, staff_with_two_factor)
    html = client.get(ADMIN).content.decode()
    assert html.index("Te doen") < html.index('id="content-main"') or html.index("Te doen") < html.index("app-list")
    assert _to_do(html) == [
        ("/admin/manifest/signature/?status__exact=submitted", "2", "ondertekeningen die wachten op beoordeling"),
        ("/admin/manifest/membership/?status__exact=requested", "2", "aanvragen voor lidmaatschap die wachten"),
        (
            "/admin/manifest/coordinatorrequest/?status__exact=requested",
            "2",
            "aanvragen voor de rol van coördinator die wachten",
        ),
        ("/admin/guidance/pagedueforreview/", "2", "pagina's om te beoordelen"),
        ("/admin/guidance/contactmessage/?status__exact=new", "2", "onbeantwoorde contactberichten"),
        (
            "/admin/guidance/pagefeedback/?is_useful__exact=0&is_handled__exact=0",
            "2",
            "antwoorden ‘niet nuttig’ die nog niet zijn afgehandeld",
        ),
        (
            "/admin/actionplans/planreview/?status__exact=ingediend",
            "2",
            "toetsen van actieplannen die wachten op terugkoppeling",
        ),
        ("/admin/actionplans/deadlineextension/?status__exact=requested", "2", "verzoeken om meer tijd wachten"),
        ("/admin/actionplans/productgroup/?to_check__exact=1", "2", "productgroepen om na te kijken"),
    ]


def test_every_link_opens_a_list_with_exactly_the_counted_items(client, staff_with_two_factor):
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    _waiting_work(3)
    log_in_with_two_factor(client, staff_with_two_factor)
    for url, count, label in _to_do(client.get(ADMIN).content.decode()):
        listing = client.get(url)
        assert listing.status_code == 200, url  # the admin accepts the filters (it redirects to ?e=1 if not)
        assert listing.context["cl"].result_count == int(count) == 3, label


def test_staff_see_only_the_items_they_may_open(client):
    editor = give_totp_authenticator(UserFactory(email="kennisbank@vng.example", is_staff=True)).user
    editor.user_permissions.add(Permission.objects.get(codename="view_contactmessage"))
    log_in_with_two_factor(client, editor)
    labels = [label for _url, _count, label in _to_do(client.get(ADMIN).content.decode())]
    assert labels == ["onbeantwoorde contactberichten"]


@pytest.mark.parametrize("size", [1, 8])
def test_the_to_do_overview_costs_the_same_queries_however_much_waits(
    client, staff_with_two_factor, django_assert_num_queries, size
):
    staff_with_two_factor.is_superuser = True
    staff_with_two_factor.save()
    _waiting_work(size)
    log_in_with_two_factor(client, staff_with_two_factor)
    client.get(ADMIN)  # sessions and caches settle
    # The same at both sizes: session and user (the two-factor check reads the session), one count per
    # item (seven), the page admin's check for due scheduled changes, the recent actions, and saving the session.
    with django_assert_num_queries(16):
        assert client.get(ADMIN).status_code == 200


def test_adding_an_item_is_one_line_and_adding_it_twice_changes_nothing():
    to_do = ToDoList()
    to_do.add(
        "aanvragen voor de rol van coördinator", "manifest.Membership", status__exact="requested", role="coordinator"
    )
    to_do.add(
        "aanvragen voor de rol van coördinator", "manifest.Membership", status__exact="requested", role="coordinator"
    )
    assert len(to_do.items) == 1
    assert to_do.items[0].filters == {"status__exact": "requested", "role": "coordinator"}
    assert len(TO_DO.items) == 9  # the portal's own items, each added once
