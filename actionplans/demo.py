"""Demo action plans for `make run`: a published plan of Utrecht with progress, a draft of Zwolle.

The template tags their actions with product groups and ambition levels; Utrecht's reports record tenders.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from actionplans import report_services, services
from actionplans.models import Action, ActionPlan, ActionStatus, AmbitionLevel, ProductGroup
from actionplans.product_groups import load_product_groups
from guidance.models import Theme
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


def load_demo_content(*, stdout, verbosity: int = 1, dry_run: bool = False) -> None:
    if dry_run:
        return
    load_product_groups()  # the demo plans name groups of the starter list
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
