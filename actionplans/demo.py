"""Demo action plans for `make run`: a published plan of Utrecht with progress, reviewed by VNG; a draft of
Zwolle, and Zwolle's previous plan with VNG's feedback waiting for a reply; a plan of Stichtse Vecht prepared
by the demo cooperative body, joint with De Ronde Venen (targets per owner on one goal, adopted by both).

The template tags their actions with product groups and ambition levels; Utrecht's reports record tenders.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from actionplans import owner_services, report_services, review_services, services
from actionplans.checklist import plan_checklist
from actionplans.indicators import load_common_indicators
from actionplans.ladder import annotate_stage
from actionplans.models import (
    Action,
    ActionPlan,
    ActionStatus,
    AmbitionLevel,
    CommonIndicator,
    DeadlineExtension,
    ExtensionStatus,
    ExtensionSubject,
    PlanOwner,
    PlanStatus,
    ProductGroup,
    Showcase,
)
from actionplans.product_groups import load_product_groups
from core.staff import SESSION_MARK
from guidance.models import Theme
from manifest.models import ManifestEdition, Organisation, Signature

UTRECHT_TITLE = "Actieplan MVOI Utrecht 2024–2027"
ZWOLLE_TITLE = "Actieplan MVOI Zwolle 2026–2029"
ZWOLLE_EARLIER_TITLE = "Actieplan MVOI Zwolle 2022–2025"
STICHTSE_VECHT_TITLE = "Actieplan MVOI Stichtse Vecht 2026–2029"
BODY_COORDINATOR_EMAIL = "inkoop@vechtenvenen.example"  # the demo cooperative body's coordinator (manifest/demo.py)
STAFF_EMAIL = "redactie@vng.example"  # the demo's VNG staff member (accounts/demo.py)


def _user(email):
    return get_user_model().objects.filter(email=email).first()


# The demo plan of Utrecht, filled in where the template asks the authors for their own text.
UTRECHT_SECTIONS = {
    "occasion": (
        "Dit plan bouwt voort op ons vorige actieplan en op de ondertekening van het Manifest MVOI. Het college "
        "heeft MVOI verbonden aan de doelen uit het coalitieakkoord voor klimaat, circulaire economie en een "
        "inclusieve arbeidsmarkt.\n\nHet college stelde het plan vast op 12 maart 2024; de raad nam er kennis "
        "van bij de behandeling van de kadernota."
    ),
    "baseline": (
        "De nulmeting over 2023: een inkoopvolume van ruim 600 miljoen euro, waarvan ongeveer de helft in de "
        "grond-, weg- en waterbouw. Een op de vijf aanbestedingen had MVI-criteria. Het vorige actieplan "
        "leverde een vaste werkwijze voor social return op."
    ),
}
# Per theme: (description, baseline value, target value); the template leaves them to the authors.
UTRECHT_GOALS = {
    "milieu-biodiversiteit": (
        "In 2027 stellen we in 80% van de GWW-projecten eisen aan materialen en biodiversiteit.",
        20,
        80,
    ),
    "klimaat": ("In 2027 is de CO2-uitstoot van onze inkoop 30% lager dan in 2023.", 50000, 35000),
    "circulair": ("In 2027 heeft de helft van onze aanbestedingen circulaire gunningscriteria.", 10, 50),
    "ketenverantwoordelijkheid": (
        "In 2027 hebben alle contracten in risicovolle productgroepen sociale voorwaarden.",
        30,
        100,
    ),
    "diversiteit-inclusie": ("In 2027 hebben tien opdrachten per jaar afspraken over diversiteit en inclusie.", 2, 10),
    "social-return": ("In 2027 realiseren opdrachtnemers 90% van hun social-returnverplichting.", 60, 90),
}


# Goals that measure a common indicator instead of their own: (indicator code, baseline, target).
UTRECHT_COMMON_INDICATORS = {
    "klimaat": ("co2-reductie", 0, 20000),
    "circulair": ("circulaire-inkoop", 10, 50),
    "social-return": ("social-return-aandeel", 2, 5),
}


def _fill_in_utrecht(plan, coordinator):
    """Replace the template's placeholders, as the authors do before the college adopts the plan."""
    plan = services.plan_update(plan=plan, user=coordinator, data=UTRECHT_SECTIONS, version=plan.version)
    common = {indicator.code: indicator for indicator in CommonIndicator.objects.all()}
    for goal in plan.goals.select_related("theme"):
        description, baseline, target = UTRECHT_GOALS[goal.theme.slug]
        data = {"description": description, "baseline_value": baseline, "target_value": target}
        code, *values = UTRECHT_COMMON_INDICATORS.get(goal.theme.slug, (None,))
        if code in common:
            baseline, target = values
            data.update(common_indicator=common[code], indicator="", unit="", baseline_value=baseline)
            data["target_value"] = target
        services.goal_update(goal=goal, user=coordinator, data=data, version=goal.version)
    return plan


# Tenders Utrecht awarded per year: (product group, theme, level, number, contract value); each year a
# little more at the higher levels.
DEMO_TENDERS = [
    {"group": "Catering", "theme": "circulair", "level": AmbitionLevel.SIGNIFICANT, "count": 1, "value": "420000.00"},
    {"group": "Schoonmaak", "theme": "social-return", "level": AmbitionLevel.BASIC, "count": 2, "value": "1250000.50"},
    {
        "group": "ICT-hardware en mobiele apparaten",
        "theme": "circulair",
        "level": AmbitionLevel.AMBITIOUS,
        "count": 1,
        "value": "310000.00",
        "tenderned": "312345",
    },
]


def _demo_tenders(step: int) -> list[dict]:
    groups = {group.name: group for group in ProductGroup.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    return [
        {
            "product_group": groups[row["group"]],
            "theme": themes[row["theme"]],
            "ambition_level": row["level"],
            "tender_count": row["count"] + step - 1,
            "contract_value": Decimal(row["value"]) * step,
            "tenderned_number": row.get("tenderned", ""),
        }
        for row in DEMO_TENDERS
        if row["group"] in groups and row["theme"] in themes
    ]


def _submit_demo_reports(plan, coordinator) -> None:
    """Yearly reports on 2024 and 2025: each goal's value moves from its baseline towards its target."""
    goals = list(plan.goals.order_by("order"))
    for step, year in enumerate((2024, 2025), start=1):
        values = {}
        for goal in goals:
            if goal.baseline_value is not None and goal.target_value is not None:
                values[str(goal.pk)] = str(goal.baseline_value + (goal.target_value - goal.baseline_value) * step / 4)
        narratives = {str(goal.theme_id): f"Voortgang in {year} volgens plan." for goal in goals}
        report_services.report_save_draft(
            plan=plan,
            year=year,
            user=coordinator,
            data={"goals": values, "themes": narratives},
            next_year="Meer tenders met MVOI-criteria en een marktdialoog per productgroep.",
            tenders=_demo_tenders(step),
        )
        report_services.report_submit(plan=plan, year=year, user=coordinator)


def _review_staff():
    """The demo's VNG staff member, acting with staff powers as after the code step (no session here)."""
    staff = _user(STAFF_EMAIL)
    if staff is not None:
        setattr(staff, SESSION_MARK, True)
    return staff


def _demo_review(plan, coordinator, staff, *, agree: bool) -> None:
    """Submit the plan for review and give VNG's feedback as the checklist suggests; with `agree`, the
    coordinator replies to the first item that needs attention and agrees."""
    review = review_services.review_submit(plan=plan, user=coordinator)
    findings = {entry.item.value: (entry.suggested_status, entry.suggested_comment) for entry in plan_checklist(plan)}
    review = review_services.review_give_feedback(review=review, user=staff, findings=findings)
    if not agree:
        return
    finding = review.findings.filter(status="aandacht_nodig").first()
    if finding is not None:
        review_services.review_reply(
            finding=finding, user=coordinator, text="Dank voor de feedback; we nemen dit mee in het jaarverslag."
        )
    review_services.review_agree(review=review, user=coordinator)


# Results of three of Utrecht's done (or well advanced) actions, as its coordinator would describe them; the first is featured.
UTRECHT_SHOWCASES = [
    {
        "result": "Alle nieuwe contracten voor bedrijfskleding vragen nu om eerlijke productie en een keurmerk.",
        "figure_value": 14,
        "figure_unit": "contracten",
    },
    {
        "result": "De marktconsultatie leverde drie bouwers op die met biobased materialen willen werken.",
        "figures_text": "3 van 5 bouwers kozen biobased",
    },
    {
        "result": "Een vaste werkwijze voor social return, die het team Inkoop nu bij elke aanbesteding gebruikt.",
        "figure_value": 42,
        "figure_unit": "mensen aan het werk",
    },
]


def _choose_demo_showcases(plan, coordinator) -> None:
    done = Action.objects.filter(goal__plan=plan, status__in=[ActionStatus.DONE, ActionStatus.IN_PROGRESS]).order_by(
        "status", "goal__order", "order"
    )
    showcases = [
        services.showcase_save(action=action, user=coordinator, data=data)
        for action, data in zip(done, UTRECHT_SHOWCASES, strict=False)
    ]
    if showcases:
        # The VNG editors' choice; featuring through the service needs a staff session, which a loader has not.
        Showcase.objects.filter(pk=showcases[0].pk).update(is_featured=True)


def load_demo_content(*, stdout, verbosity: int = 1, dry_run: bool = False) -> None:
    if dry_run:
        return
    load_product_groups()  # the demo plans name groups of the starter list
    utrecht = Organisation.objects.filter(code="gm0344").first()
    zwolle = Organisation.objects.filter(code="gm0193").first()
    load_common_indicators()  # the demo plan's goals use some of them
    if utrecht and not ActionPlan.objects.filter(organisation=utrecht, title=UTRECHT_TITLE).exists():
        coordinator = _user("inkoop@utrecht.example")
        plan = services.plan_create_from_template(
            organisation=utrecht,
            user=coordinator,
            track="gevorderd",
            start_year=2024,
            end_year=2027,
            title=UTRECHT_TITLE,
            today=datetime.date(2024, 1, 15),
        )
        plan = _fill_in_utrecht(plan, coordinator)
        for number, action in enumerate(Action.objects.filter(goal__plan=plan).order_by("goal__order", "order")):
            status, progress = [
                (ActionStatus.DONE, 100),
                (ActionStatus.IN_PROGRESS, 60),
                (ActionStatus.IN_PROGRESS, 30),
                (ActionStatus.PLANNED, 0),
            ][number % 4]
            services.action_update(
                action=action, user=coordinator, data={"status": status, "progress": progress}, version=action.version
            )
        plan = services.plan_adopt(
            plan=plan,
            user=coordinator,
            adopted_on=datetime.date(2024, 3, 12),
            adopted_by="College van burgemeester en wethouders",
        )
        if coordinator and (staff := _review_staff()):
            _demo_review(plan, coordinator, staff, agree=True)
        plan = services.plan_publish(plan=plan, user=coordinator)
        _submit_demo_reports(plan, coordinator)
        _choose_demo_showcases(plan, coordinator)
        if verbosity >= 1:
            stdout.write(
                f"  Action plans: published '{UTRECHT_TITLE}', reviewed by VNG, with reports on 2024 and 2025 and showcases"
            )
    if zwolle and not ActionPlan.objects.filter(organisation=zwolle, title=ZWOLLE_TITLE).exists():
        services.plan_create_from_template(
            organisation=zwolle,
            user=_user("inkoop@zwolle.example"),
            track="startend",
            start_year=2026,
            end_year=2029,
            title=ZWOLLE_TITLE,
        )
        if verbosity >= 1:
            stdout.write(f"  Action plans: draft '{ZWOLLE_TITLE}'")
    if zwolle and not ActionPlan.objects.filter(organisation=zwolle, title=ZWOLLE_EARLIER_TITLE).exists():
        coordinator = _user("inkoop@zwolle.example")
        plan = services.plan_create_from_template(
            organisation=zwolle,
            user=coordinator,
            track="startend",
            start_year=2022,
            end_year=2025,
            title=ZWOLLE_EARLIER_TITLE,
            today=datetime.date(2022, 1, 15),
        )
        plan = services.plan_adopt(
            plan=plan, user=coordinator, adopted_on=datetime.date(2022, 4, 5), adopted_by="College van B&W"
        )
        if coordinator and (staff := _review_staff()):
            _demo_review(plan, coordinator, staff, agree=False)
        if verbosity >= 1:
            stdout.write(f"  Action plans: adopted '{ZWOLLE_EARLIER_TITLE}' with VNG's feedback waiting for a reply")
    stichtse_vecht = Organisation.objects.filter(code="gm1904").first()
    body_coordinator = _user(BODY_COORDINATOR_EMAIL)
    if (
        stichtse_vecht
        and body_coordinator
        and not ActionPlan.objects.filter(organisation=stichtse_vecht, title=STICHTSE_VECHT_TITLE).exists()
    ):
        services.plan_create_from_template(
            organisation=stichtse_vecht,
            user=body_coordinator,
            track="startend",
            start_year=2026,
            end_year=2029,
            title=STICHTSE_VECHT_TITLE,
        )
        if verbosity >= 1:
            stdout.write(f"  Action plans: '{STICHTSE_VECHT_TITLE}', prepared by the demo cooperative body")
    plan = ActionPlan.objects.filter(organisation=stichtse_vecht, title=STICHTSE_VECHT_TITLE).first()
    if plan is not None and body_coordinator:
        _make_joint(plan, body_coordinator, stdout=stdout, verbosity=verbosity)
    _load_ladder(stdout=stdout, verbosity=verbosity)


JOINT_CO_OWNER = "gm0736"  # De Ronde Venen, the body's other member that lets it prepare its plans
JOINT_TARGETS = {"gm1904": Decimal("40"), "gm0736": Decimal("25")}


def _make_joint(plan, body_coordinator, *, stdout, verbosity: int) -> None:
    """Stichtse Vecht's plan becomes a joint plan with De Ronde Venen: the body asks, De Ronde Venen accepts,
    the first goal gets a target per owner, and both adopt it. Once: a plan with a co-owner is left alone."""
    co_owner = Organisation.objects.filter(code=JOINT_CO_OWNER).first()
    if co_owner is None or PlanOwner.objects.filter(plan=plan).exists() or not plan.is_draft:
        return
    owner = owner_services.owner_request(plan=plan, organisation=co_owner, user=body_coordinator)
    # De Ronde Venen has no demo login: the portal answers for its coordinators here.
    owner = owner_services.owner_accept(owner=owner, user=None)
    goal = plan.goals.order_by("order", "id").first()
    if goal is not None:
        codes = {plan.organisation_id: "gm1904", co_owner.pk: JOINT_CO_OWNER}
        owner_services.goal_targets_save(
            goal=goal,
            user=body_coordinator,
            per_owner=True,
            targets={organisation_id: JOINT_TARGETS[code] for organisation_id, code in codes.items()},
        )
    plan = services.plan_adopt(
        plan=plan,
        user=_user("inkoop@stichtsevecht.example"),
        adopted_on=datetime.date(2026, 3, 10),
        adopted_by="College van burgemeester en wethouders van Stichtse Vecht",
    )
    owner_services.owner_adopt(
        owner=owner,
        user=None,
        adopted_on=datetime.date(2026, 3, 24),
        adopted_by="College van burgemeester en wethouders van De Ronde Venen",
    )
    if verbosity >= 1:
        stdout.write(f"  Action plans: '{STICHTSE_VECHT_TITLE}' is a joint plan with De Ronde Venen, adopted by both")


# The other steps of the ladder, on the demo signatures of manifest/demo.py: Groningen (signed 400 days
# ago, no plan) is behind schedule and Amsterdam only signed, so neither gets anything here.
LADDER_PLANS = [
    # (organisation code, plan status, report on last year)
    ("pv26", PlanStatus.DRAFT, False),  # a draft only: Zwolle's draft sits beside its adopted earlier plan
    ("gm0772", PlanStatus.ADOPTED, False),
    ("gm0202", PlanStatus.PUBLISHED, False),
    ("gm0268", PlanStatus.PUBLISHED, True),
]
EXTENDED = "gm0150"  # Deventer: the plan was due, the VNG granted more time


def _load_ladder(*, stdout, verbosity: int) -> None:
    today = timezone.localdate()
    edition = ManifestEdition.objects.current()
    if edition is None:
        return
    organisations = Organisation.objects.in_bulk([code for code, *_ in LADDER_PLANS] + [EXTENDED], field_name="code")
    added = 0
    for code, status, reported in LADDER_PLANS:
        organisation = organisations.get(code)
        if organisation is None or ActionPlan.objects.filter(organisation=organisation).exists():
            continue
        plan = ActionPlan.objects.create(
            organisation=organisation,
            edition=edition,
            title=f"Actieplan MVOI {organisation.name}",
            start_year=today.year - 1,
            end_year=today.year + 2,
            status=status,
            adopted_on=None if status == PlanStatus.DRAFT else today - datetime.timedelta(days=60),
            adopted_by="" if status == PlanStatus.DRAFT else "College van burgemeester en wethouders",
            published_at=timezone.now() if status == PlanStatus.PUBLISHED else None,
            occasion="Het college stelde dit plan vast na de ondertekening van het Manifest MVOI.",
        )
        if reported:
            report_services.report_save_draft(
                plan=plan, year=today.year - 1, user=None, data={}, next_year="Meer tenders met MVOI-criteria."
            )
            report_services.report_submit(plan=plan, year=today.year - 1, user=None)
        added += 1
    deventer = organisations.get(EXTENDED)
    signature = Signature.objects.public().filter(organisation=deventer, edition=edition).first() if deventer else None
    if signature and not DeadlineExtension.objects.filter(organisation=deventer).exists():
        due_on = annotate_stage(Signature.objects.filter(pk=signature.pk)).get().plan_due_on
        DeadlineExtension.objects.create(
            organisation=deventer,
            edition=edition,
            subject=ExtensionSubject.PLAN,
            due_on=due_on,
            new_date=today + datetime.timedelta(days=90),
            reason="De raad besluit na de verkiezingen over het plan.",
            status=ExtensionStatus.APPROVED,
            decided_at=timezone.now(),
        )
        added += 1
    if verbosity >= 1:
        stdout.write(f"  Action plans: {added} plan(s) and extension(s) on the ladder")
