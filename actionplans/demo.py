"""Demo action plans for `make run`: a published plan of Utrecht with progress, reviewed by VNG; a draft of
Zwolle, and Zwolle's previous plan with VNG's feedback waiting for a reply; a draft of Stichtse Vecht prepared
by the demo cooperative body."""

import datetime

from django.contrib.auth import get_user_model

from actionplans import report_services, review_services, services
from actionplans.checklist import plan_checklist
from actionplans.models import Action, ActionPlan, ActionStatus, Showcase
from core.staff import SESSION_MARK
from manifest.models import Organisation

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


def _fill_in_utrecht(plan, coordinator):
    """Replace the template's placeholders, as the authors do before the college adopts the plan."""
    plan = services.plan_update(plan=plan, user=coordinator, data=UTRECHT_SECTIONS, version=plan.version)
    for goal in plan.goals.select_related("theme"):
        description, baseline, target = UTRECHT_GOALS[goal.theme.slug]
        services.goal_update(
            goal=goal,
            user=coordinator,
            data={"description": description, "baseline_value": baseline, "target_value": target},
            version=goal.version,
        )
    return plan


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
    utrecht = Organisation.objects.filter(code="gm0344").first()
    zwolle = Organisation.objects.filter(code="gm0193").first()
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
            stdout.write(f"  Action plans: draft '{STICHTSE_VECHT_TITLE}', prepared by the demo cooperative body")
