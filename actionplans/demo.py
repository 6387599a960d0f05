"""Demo action plans for `make run`: a published plan of Utrecht with progress, a draft of Zwolle."""

import datetime

from django.contrib.auth import get_user_model

from actionplans import report_services, services
from actionplans.indicators import load_common_indicators
from actionplans.models import Action, ActionPlan, ActionStatus, CommonIndicator
from manifest.models import Organisation

UTRECHT_TITLE = "Actieplan MVOI Utrecht 2024–2027"
ZWOLLE_TITLE = "Actieplan MVOI Zwolle 2026–2029"


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


def load_demo_content(*, stdout, verbosity: int = 1, dry_run: bool = False) -> None:
    if dry_run:
        return
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
        plan = services.plan_publish(plan=plan, user=coordinator)
        _submit_demo_reports(plan, coordinator)
        if verbosity >= 1:
            stdout.write(f"  Action plans: published '{UTRECHT_TITLE}' with reports on 2024 and 2025")
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
