"""Demo action plans for `make run`: a published plan of Utrecht with progress, a draft of Zwolle."""

import datetime

from django.contrib.auth import get_user_model

from actionplans import report_services, services
from actionplans.models import Action, ActionPlan, ActionStatus
from manifest.models import Organisation

UTRECHT_TITLE = "Actieplan MVOI Utrecht 2024–2027"
ZWOLLE_TITLE = "Actieplan MVOI Zwolle 2026–2029"


def _user(email):
    return get_user_model().objects.filter(email=email).first()


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
    if utrecht and not ActionPlan.objects.filter(organisation=utrecht, title=UTRECHT_TITLE).exists():
        coordinator = _user("inkoop@utrecht.example")
        plan = services.plan_create_from_template(
            organisation=utrecht,
            user=coordinator,
            track="gevorderd",
            start_year=2024,
            end_year=2027,
            title=UTRECHT_TITLE,
        )
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
