"""A plan's own Excel workbook: its goals and actions, and whose plan it is.

The first sheet holds the columns of the CSV export (`csv_io.export_rows`), so a workbook reads like the
file the import page takes. The CSV itself stays the import format and does not change: the owners are
found in the workbook only, on a second sheet (the lead with its adoption, every co-owner that accepted
with its own), and a third sheet lists the target of each owner for the goals that have one per owner.

Only the lead's side (its members, bodies preparing its plans, VNG staff) also sees the requests still
open, marked as such, as on the plan's page: a published plan and a co-owner's members name none, and a
declined request is never named.
"""

from django.utils.translation import gettext as _

from actionplans import csv_io
from actionplans.models import (
    ActionPlan,
    OwnerEntry,
    OwnerRole,
    OwnerStatus,
    co_owner_entries,
    co_owners_of_plan,
    goal_target_entries,
    owner_entries,
)
from core.xlsx_export import Sheet


def plan_owners(plan: ActionPlan, *, with_requests: bool) -> list[OwnerEntry]:
    """The lead, the accepted co-owners and (`with_requests`) the requests still open: one query."""
    lists = {"accepted": co_owners_of_plan()}
    if with_requests:
        lists["requested"] = co_owners_of_plan(status=OwnerStatus.REQUESTED)
    rows = ActionPlan.objects.filter(pk=plan.pk).annotate(**lists).values(*lists).get()
    owners = owner_entries(plan, rows["accepted"])
    if with_requests:
        owners += co_owner_entries(rows["requested"], OwnerRole.REQUESTED)
    return owners


def owners_sheet(owners: list[OwnerEntry]) -> Sheet:
    header = [_("Role"), _("Organisation"), _("Code"), _("Adopted on"), _("Adopted by")]
    rows = [[owner.role.label, owner.name, owner.code, owner.adopted_on, owner.adopted_by] for owner in owners]
    return Sheet(_("Owners"), header, rows)


def targets_sheet(goals) -> Sheet | None:
    """One row per owner of each goal with a target per owner; None when no goal has them."""
    rows = [
        [goal.pk, goal.title, target.name, target.code, target.target_value, goal.measure_unit, goal.target_year]
        for goal in goals
        for target in goal_target_entries(goal) or []
    ]
    if not rows:
        return None
    header = [_("Goal id"), _("Goal"), _("Organisation"), _("Code"), _("Target value"), _("Unit"), _("Target year")]
    return Sheet(_("Targets per owner"), header, rows)


def plan_sheets(goals, owners: list[OwnerEntry]) -> list[Sheet]:
    """The workbook's sheets. `goals` as `views.plan_goals` gives them (with `owner_target_list`)."""
    header, *rows = csv_io.export_rows(goals)
    sheets = [Sheet(_("Goals and actions"), header, rows), owners_sheet(owners)]
    if (targets := targets_sheet(goals)) is not None:
        sheets.append(targets)
    return sheets
