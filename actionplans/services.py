"""Every change to an action plan goes through these functions; each records what changed in the history."""

import datetime
from calendar import monthrange
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.cache import INDICATORS, PLANS, PRODUCT_GROUPS
from actionplans.models import (
    ACTION_FIELDS,
    GOAL_FIELDS,
    MAX_SHOWCASES,
    PLAN_FIELDS,
    PLAN_SECTIONS,
    PROGRESS_FIELDS,
    SHOWCASE_FIELDS,
    Action,
    ActionPlan,
    ActionStatus,
    Change,
    ChangeKind,
    CommonIndicator,
    Goal,
    ObjectKind,
    PlanOwner,
    PlanStatus,
    ProductGroup,
    Showcase,
    Track,
    effective_progress,
)
from actionplans.permissions import require_own_coordinator
from actionplans.plan_templates import plan_placeholders, plan_template
from audit.log import record
from audit.models import AuditEvent
from core.mail import absolute_url, send_templated_mail
from core.staff import require_staff_powers
from manifest.models import ManifestEdition, Membership, Signature
from manifest.permissions import is_coordinator

# The fields a change of status writes.
STATUS_FIELDS = ["status", "adopted_on", "adopted_by", "published_at"]


class EditConflict(Exception):
    """Someone saved the object after the user opened it; `current` is what is stored now."""

    def __init__(self, current):
        super().__init__("edit conflict")
        self.current = current


class UnknownField(ValueError):
    """A service was asked to set a field it does not edit: a programming error, never silently dropped."""


class InvalidTransition(Exception):
    """The plan's status does not allow this step."""


class PlanIncomplete(InvalidTransition):
    """The plan still holds template text (placeholders) where its authors should have written their own."""

    def __init__(self, placeholders):
        super().__init__(_("The plan still contains text from the template to replace with your own."))
        self.placeholders = placeholders


class ImportRefused(Exception):
    """An import had at least one bad row, so nothing was changed."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


# --- history ----------------------------------------------------------------------------------


def _names(objects) -> str:
    return ", ".join(sorted(str(item) for item in objects))


def _value_text(obj, name: str) -> str:
    field = obj._meta.get_field(name)
    if field.many_to_many:
        return _names(getattr(obj, name).all()) if obj.pk else ""
    if field.is_relation:
        related = getattr(obj, name)
        return str(related) if related is not None else ""
    value = getattr(obj, name)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _object_kind(obj) -> str:
    return {
        ActionPlan: ObjectKind.PLAN,
        Goal: ObjectKind.GOAL,
        Action: ObjectKind.ACTION,
        Showcase: ObjectKind.SHOWCASE,
        PlanOwner: ObjectKind.CO_OWNER,
    }[type(obj)]


def _record(*, plan, user, obj, kind, changes=(("", "", ""),)):
    PLANS.changed()  # every recorded change may change a public page or the monitor
    Change.objects.bulk_create(
        Change(
            plan=plan,
            user=user,
            object_kind=_object_kind(obj),
            object_id=obj.pk,
            object_label=str(obj)[:200],
            kind=kind,
            field=field,
            old_value=old,
            new_value=new,
        )
        for field, old, new in changes
    )


def _check_fields(data: dict, fields: list[str]) -> None:
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise UnknownField(f"Not an editable field here: {', '.join(unknown)}")


def _apply(obj, data: dict, fields: list[str]) -> list[tuple[str, str, str]]:
    """Set the fields in `data` on obj; return (field, old text, new text) of those that really changed.

    Every name in `data` must be one of `fields`.
    """
    _check_fields(data, fields)
    changes = []
    for name in fields:
        if name not in data:
            continue
        field = obj._meta.get_field(name)
        if field.many_to_many:
            related = getattr(obj, name)
            old_items, new_items = list(related.all()), list(data[name])
            if {item.pk for item in old_items} != {item.pk for item in new_items}:
                related.set(new_items)
                changes.append((name, _names(old_items), _names(new_items)))
            continue
        old_value = getattr(obj, field.attname)
        old_text = _value_text(obj, name)
        setattr(obj, name, data[name])
        new_value = getattr(obj, field.attname)
        if isinstance(old_value, Decimal) or isinstance(new_value, Decimal):
            same = (old_value is None) == (new_value is None) and (old_value is None or old_value == new_value)
        else:
            same = old_value == new_value
        if not same:
            changes.append((name, old_text, _value_text(obj, name)))
    return changes


def _update(*, model, obj, plan, user, data: dict, version: int, fields: list[str]):
    current = model.objects.select_for_update().get(pk=obj.pk)
    if current.version != version:
        raise EditConflict(current)
    changes = _apply(current, data, fields)
    if changes:
        current.version += 1
        current.full_clean()
        current.save()
        _record(plan=plan, user=user, obj=current, kind=ChangeKind.CHANGED, changes=changes)
    return current


def _require_draft(plan):
    """Refuse unless the plan is a draft now; the lock keeps it one until this transaction ends."""
    status = ActionPlan.objects.select_for_update().values_list("status", flat=True).get(pk=plan.pk)
    if status != PlanStatus.DRAFT:
        raise InvalidTransition(_("Only a draft plan can be changed. Take it back to draft first."))


# --- plans ------------------------------------------------------------------------------------


def _check_period(start_year: int, end_year: int):
    if end_year < start_year:
        raise ValidationError({"end_year": _("The last year cannot be before the first year.")})


def _signed_edition(organisation):
    """The current manifest edition, when the organisation has submitted or signed it: the plan carries it out."""
    edition = ManifestEdition.objects.current()
    if edition and Signature.objects.live().filter(organisation=organisation, edition=edition).exists():
        return edition
    return None


@transaction.atomic
def plan_create_empty(*, organisation, user, title: str, start_year: int, end_year: int, track=Track.STARTING):
    _check_period(start_year, end_year)
    plan = ActionPlan(
        organisation=organisation,
        edition=_signed_edition(organisation),
        title=title,
        start_year=start_year,
        end_year=end_year,
        track=track,
        created_by=user,
    )
    plan.full_clean()
    plan.save()
    _record(plan=plan, user=user, obj=plan, kind=ChangeKind.CREATED)
    return plan


def _template_year(value, plan) -> int | None:
    if value is None:
        return None
    if value == "end":
        return plan.end_year
    return plan.start_year + value


def _month_number(year: int, month: int) -> int:
    return year * 12 + month - 1


def _template_shift(plan, today: datetime.date) -> int:
    """How many months the template's schedule moves so no action lies in the past on the day the plan is made.

    A plan for next year keeps the schedule as written; a plan made in September of its first year
    starts its schedule in September, with every action as long and in the same order as written.
    """
    return max(0, _month_number(today.year, today.month) - _month_number(plan.start_year, 1))


def _template_date(value, plan, *, shift: int, last_day: bool) -> datetime.date:
    year = plan.end_year if value["year"] == "end" else min(plan.start_year + value["year"], plan.end_year)
    number = min(_month_number(year, value["month"]) + shift, _month_number(plan.end_year, 12))
    year, month = divmod(number, 12)
    month += 1
    return datetime.date(year, month, monthrange(year, month)[1] if last_day else 1)


def _template_period(action: dict, plan, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Start and due date of a template action in this plan: relative to its first year, never before today."""
    shift = _template_shift(plan, today)
    start = _template_date(action["start"], plan, shift=shift, last_day=False)
    due = _template_date(action["due"], plan, shift=shift, last_day=True)
    return min(max(start, today), due), due


@transaction.atomic
def plan_create_from_template(
    *,
    organisation,
    user,
    track: str,
    start_year: int,
    end_year: int,
    title: str = "",
    today: datetime.date | None = None,
) -> ActionPlan:
    """A new draft with the template's sections and goals with actions for the chosen track.

    Placeholders stay between their brackets for the authors to replace (see `plan_templates`).
    """
    from guidance.models import Theme

    today = today or timezone.localdate()
    template = plan_template(track)
    title = title or template["title"].format(organisation=organisation.name, start=start_year, end=end_year)
    plan = plan_create_empty(
        organisation=organisation, user=user, title=title, start_year=start_year, end_year=end_year, track=track
    )
    for field, text in template["sections"].items():
        setattr(plan, field, text)
    plan.save()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    product_groups = {group.name.casefold(): group for group in ProductGroup.objects.all()}
    actions = []
    tags = []
    for goal_order, spec in enumerate(template["goals"]):
        theme = themes.get(spec["theme"])
        if theme is None:  # a theme VNG staff removed; leave its goals out
            continue
        goal = Goal.objects.create(
            plan=plan,
            theme=theme,
            title=spec["title"],
            description=spec["description"],
            indicator=spec["indicator"],
            unit=spec["unit"],
            baseline_year=_template_year(spec["baseline_year"], plan),
            target_year=_template_year(spec["target_year"], plan),
            order=goal_order,
        )
        for action_order, action in enumerate(spec["actions"]):
            start_date, due_date = _template_period(action, plan, today)
            actions.append(
                Action(
                    goal=goal,
                    title=action["title"],
                    owner=action["owner"],
                    steering_level=action["steering_level"],
                    ambition_level=action["ambition_level"],
                    start_date=start_date,
                    due_date=due_date,
                    order=action_order,
                )
            )
            # A group the template names but VNG staff renamed or removed is left out.
            tags.append(
                [
                    product_groups[name.casefold()]
                    for name in action["product_groups"]
                    if name.casefold() in product_groups
                ]
            )
    Action.objects.bulk_create(actions)
    _tag_actions(actions, tags)
    return plan


def _tag_actions(actions: list[Action], tags: list[list[ProductGroup]]) -> None:
    """Link freshly created actions to their product groups, in one insert."""
    through = Action.product_groups.through
    through.objects.bulk_create(
        through(action_id=action.pk, productgroup_id=group.pk)
        for action, groups in zip(actions, tags, strict=True)
        for group in groups
    )


def _shift_year(date_value, years: int):
    if date_value is None:
        return None
    try:
        return date_value.replace(year=date_value.year + years)
    except ValueError:  # 29 February
        return date_value.replace(year=date_value.year + years, day=28)


def plan_copy_period(source: ActionPlan) -> tuple[int, int]:
    """The period a copy gets unless told otherwise: from this year, as long as the source's period."""
    start_year = timezone.localdate().year
    return start_year, start_year + source.end_year - source.start_year


@transaction.atomic
def plan_copy(
    *,
    source: ActionPlan,
    organisation,
    user,
    title: str = "",
    start_year: int | None = None,
    end_year: int | None = None,
) -> ActionPlan:
    """A new draft for `organisation` with the sections, goals and actions of a published plan.

    History, people and progress stay behind: actions start as planned at 0%. Years and dates
    move along with the new period, which by default starts this year and lasts as long as the
    source's; the default title names the organisation and the period. The history records the source.
    """
    if source.status != PlanStatus.PUBLISHED:
        raise InvalidTransition(_("Only a published plan can be copied."))
    default_start, default_end = plan_copy_period(source)
    start_year = default_start if start_year is None else start_year
    end_year = start_year + default_end - default_start if end_year is None else end_year
    title = title or f"Actieplan MVOI {organisation.name} {start_year}–{end_year}"
    plan = plan_create_empty(
        organisation=organisation,
        user=user,
        title=title,
        start_year=start_year,
        end_year=end_year,
        track=source.track,
    )
    shift = start_year - source.start_year
    for text_field, _html_field in PLAN_SECTIONS:
        setattr(plan, text_field, getattr(source, text_field))
    plan.copied_from = source
    plan.save()
    new_actions = []
    tags = []
    for goal in source.goals.prefetch_related("actions__product_groups").order_by("order", "id"):
        source_actions = list(goal.actions.all())
        goal.pk = None
        goal.id = None
        goal.plan = plan
        goal.version = 1
        goal.targets_per_owner = False  # the copy has no co-owners (yet): one shared target again
        goal.baseline_year = goal.baseline_year + shift if goal.baseline_year else None
        goal.target_year = goal.target_year + shift if goal.target_year else None
        goal.save(force_insert=True)
        for action in source_actions:
            new_actions.append(
                Action(
                    goal=goal,
                    title=action.title,
                    description=action.description,
                    owner=action.owner,
                    start_date=_shift_year(action.start_date, shift),
                    due_date=_shift_year(action.due_date, shift),
                    ambition_level=action.ambition_level,
                    steering_level=action.steering_level,
                    order=action.order,
                )
            )
            tags.append(list(action.product_groups.all()))
    Action.objects.bulk_create(new_actions)
    _tag_actions(new_actions, tags)
    _record(
        plan=plan,
        user=user,
        obj=plan,
        kind=ChangeKind.CHANGED,
        changes=[("copied_from", "", f"{source} ({source.organisation})")],
    )
    return plan


@transaction.atomic
def plan_carry_over(*, plan: ActionPlan, user) -> ActionPlan:
    """A coordinator carries a published plan of an earlier edition over to the current edition, as a copy.

    The copy is `plan_copy`'s draft, for the same organisation, over the current edition's years (from
    this year on if they have begun), and carries out the current edition.
    """
    edition = ManifestEdition.objects.current()
    if edition is None:
        raise InvalidTransition(_("There is no current edition to carry this plan over to."))
    if plan.edition_id == edition.pk:
        raise InvalidTransition(_("This plan carries out the current edition already."))
    if not is_coordinator(user, plan.organisation):
        raise PermissionDenied("Only a coordinator of the organisation carries a plan over.")
    start_year = max(edition.start_year, timezone.localdate().year)
    copy = plan_copy(
        source=plan,
        organisation=plan.organisation,
        user=user,
        title=f"Actieplan MVOI {plan.organisation.name} {start_year}–{max(edition.end_year, start_year)}",
        start_year=start_year,
        end_year=max(edition.end_year, start_year),
    )
    copy.edition = edition
    copy.save(update_fields=["edition"])
    record(event=AuditEvent.PLAN_CARRIED_OVER, actor=user, subject=copy, detail=f"{plan.uuid} → {edition.slug}")
    return copy


@transaction.atomic
def plan_update(*, plan: ActionPlan, user, data: dict, version: int) -> ActionPlan:
    _require_draft(plan)
    return _update(model=ActionPlan, obj=plan, plan=plan, user=user, data=data, version=version, fields=PLAN_FIELDS)


# The plan's life: the statuses each status may move to. Nothing else decides whether a step is possible.
TRANSITIONS = {
    PlanStatus.DRAFT: {PlanStatus.ADOPTED},
    PlanStatus.ADOPTED: {PlanStatus.PUBLISHED, PlanStatus.DRAFT},
    PlanStatus.PUBLISHED: {PlanStatus.DRAFT},
}


def plan_next_statuses(plan: ActionPlan) -> set[str]:
    """The statuses the plan, in its status as read, may move to (the services check again under a lock)."""
    return TRANSITIONS[plan.status]


def plan_can_move_to(plan: ActionPlan, status: str) -> bool:
    return status in plan_next_statuses(plan)


def _refusal(current: ActionPlan) -> InvalidTransition:
    return InvalidTransition(
        _(
            "This step is not possible: the plan is now “%(status)s”. Someone may have changed it in another "
            "window in the meantime. Nothing has been changed; check the plan and try again if needed."
        )
        % {"status": current.get_status_display()}
    )


def _set_status(*, plan, user, data: dict):
    require_own_coordinator(user, plan.organisation)
    current = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if data["status"] not in TRANSITIONS[current.status]:
        raise _refusal(current)
    changes = _apply(current, data, STATUS_FIELDS)
    current.version += 1
    current.full_clean()
    current.save()
    _record(plan=current, user=user, obj=current, kind=ChangeKind.CHANGED, changes=changes)
    return current


@transaction.atomic
def plan_adopt(*, plan: ActionPlan, user, adopted_on: datetime.date, adopted_by: str) -> ActionPlan:
    """The draft was adopted, for example by the college; it is no longer edited. The co-owners' coordinators
    hear that they may now record their own adoption."""
    current = _set_status(
        plan=plan,
        user=user,
        data={"status": PlanStatus.ADOPTED, "adopted_on": adopted_on, "adopted_by": adopted_by},
    )
    _tell_co_owners_to_adopt(current)
    return current


def _tell_co_owners_to_adopt(plan: ActionPlan) -> None:
    """One e-mail per accepted co-owner to its active coordinators, once the transaction commits."""
    co_owners = PlanOwner.objects.accepted().filter(plan=plan).values("organisation")
    coordinators = (
        Membership.objects.active_coordinators()
        .filter(organisation__in=co_owners)
        .select_related("user", "organisation")
    )
    per_organisation = {}
    for membership in coordinators:
        per_organisation.setdefault(membership.organisation, []).append(membership.user)
    for organisation, recipients in per_organisation.items():
        context = {
            "plan": plan,
            "lead": plan.organisation,
            "organisation": organisation,
            "adopt_url": absolute_url("actionplans:owner_adopt", uuid=plan.uuid, code=organisation.code),
        }
        transaction.on_commit(
            lambda recipients=recipients, context=context: send_templated_mail(
                to=recipients, template_prefix="actionplans/email/lead_adopted", context=context
            )
        )


@transaction.atomic
def plan_publish(*, plan: ActionPlan, user) -> ActionPlan:
    """An adopted plan appears among the published plans for everybody to read and copy.

    Not while it still holds placeholder text from its template: PlanIncomplete says where.
    """
    require_own_coordinator(user, plan.organisation)
    current = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if PlanStatus.PUBLISHED in TRANSITIONS[current.status] and (placeholders := plan_placeholders(current)):
        raise PlanIncomplete(placeholders)
    return _set_status(plan=plan, user=user, data={"status": PlanStatus.PUBLISHED, "published_at": timezone.now()})


@transaction.atomic
def plan_unpublish(*, plan: ActionPlan, user) -> ActionPlan:
    """An adopted or published plan goes back to draft, so the team can change it.

    The co-owners' adoptions go too: they adopted what the plan said then, and adopt the new version again.
    """
    current = _set_status(
        plan=plan,
        user=user,
        data={"status": PlanStatus.DRAFT, "published_at": None, "adopted_on": None, "adopted_by": ""},
    )
    # A co-owner that left keeps the adoption it withdrew from, as history.
    PlanOwner.objects.accepted().filter(plan=current, adopted_on__isnull=False).update(adopted_on=None, adopted_by="")
    return current


@transaction.atomic
def plan_delete(*, plan: ActionPlan, user) -> None:
    require_own_coordinator(user, plan.organisation)
    _require_draft(plan)
    ActionPlan.objects.filter(pk=plan.pk).delete()
    PLANS.changed()


# --- goals ------------------------------------------------------------------------------------


def _next_order(queryset) -> int:
    highest = queryset.aggregate(highest=Max("order"))["highest"]
    return 0 if highest is None else highest + 1


@transaction.atomic
def goal_create(*, plan: ActionPlan, user, data: dict) -> Goal:
    _require_draft(plan)
    _check_fields(data, GOAL_FIELDS)
    goal = Goal(plan=plan, order=_next_order(plan.goals.all()))
    for name in GOAL_FIELDS:
        if name in data:
            setattr(goal, name, data[name])
    goal.full_clean()
    goal.save()
    _record(plan=plan, user=user, obj=goal, kind=ChangeKind.CREATED)
    return goal


@transaction.atomic
def goal_update(*, goal: Goal, user, data: dict, version: int) -> Goal:
    plan = goal.plan
    _require_draft(plan)
    return _update(model=Goal, obj=goal, plan=plan, user=user, data=data, version=version, fields=GOAL_FIELDS)


@transaction.atomic
def goal_delete(*, goal: Goal, user) -> None:
    _require_draft(goal.plan)
    _record(plan=goal.plan, user=user, obj=goal, kind=ChangeKind.DELETED)
    goal.delete()


def _move(*, obj, siblings, direction: str):
    """Swap obj with its neighbour in `siblings` (ordered); renumber so orders are unique."""
    items = list(siblings.select_for_update())
    index = next(i for i, item in enumerate(items) if item.pk == obj.pk)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(items):
        return False
    items[index], items[target] = items[target], items[index]
    for order, item in enumerate(items):
        item.order = order
    type(obj).objects.bulk_update(items, ["order"])
    return True


@transaction.atomic
def goal_move(*, goal: Goal, user, direction: str) -> bool:
    """Move a goal up or down among the goals of its theme; False at either end."""
    _require_draft(goal.plan)
    siblings = Goal.objects.filter(plan=goal.plan, theme=goal.theme_id).order_by("order", "id")
    moved = _move(obj=goal, siblings=siblings, direction=direction)
    if moved:
        _record(
            plan=goal.plan,
            user=user,
            obj=goal,
            kind=ChangeKind.MOVED,
        )
    return moved


# --- actions ----------------------------------------------------------------------------------


def _normalise_action(data: dict) -> dict:
    """A done action is stored at 100%, whatever progress came with it."""
    data = dict(data)
    if "status" in data:
        progress = effective_progress(data["status"], data.get("progress"))
        if progress is not None:
            data["progress"] = progress
    return data


@transaction.atomic
def action_create(*, goal: Goal, user, data: dict) -> Action:
    plan = goal.plan
    _require_draft(plan)
    _check_fields(data, ACTION_FIELDS)
    data = _normalise_action(data)
    target_goal = data.get("goal", goal)
    if target_goal.plan_id != plan.pk:
        raise ValidationError({"goal": _("Choose a goal of this plan.")})
    action = Action(goal=target_goal, order=_next_order(target_goal.actions.all()))
    for name in ACTION_FIELDS:
        if name in data and name not in ("goal", "product_groups"):
            setattr(action, name, data[name])
    action.full_clean()
    action.save()
    action.product_groups.set(data.get("product_groups", []))
    _record(plan=plan, user=user, obj=action, kind=ChangeKind.CREATED)
    return action


@transaction.atomic
def action_update(*, action: Action, user, data: dict, version: int) -> Action:
    plan = action.goal.plan
    _require_draft(plan)
    data = _normalise_action(data)
    if "goal" in data and data["goal"].plan_id != plan.pk:
        raise ValidationError({"goal": _("Choose a goal of this plan.")})
    return _update(model=Action, obj=action, plan=plan, user=user, data=data, version=version, fields=ACTION_FIELDS)


@transaction.atomic
def action_delete(*, action: Action, user) -> None:
    plan = action.goal.plan
    _require_draft(plan)
    _record(plan=plan, user=user, obj=action, kind=ChangeKind.DELETED)
    action.delete()


@transaction.atomic
def action_move(*, action: Action, user, direction: str) -> bool:
    plan = action.goal.plan
    _require_draft(plan)
    siblings = Action.objects.filter(goal=action.goal_id).order_by("order", "id")
    moved = _move(obj=action, siblings=siblings, direction=direction)
    if moved:
        _record(
            plan=plan,
            user=user,
            obj=action,
            kind=ChangeKind.MOVED,
        )
    return moved


# --- monitoring: status and progress in every status of the plan ---------------------------------


def _is_progress(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100


@transaction.atomic
def action_progress_update(
    *, action: Action, user, status: str, progress: int, version: int, progress_note: str | None = None
) -> Action:
    """Record the status and progress of one action, whatever the plan's status; nothing else changes.

    `progress_note` is the optional explanation beside it; None leaves the stored one as it is.

    A done action counts as 100%. A save over a colleague's newer save raises EditConflict.
    """
    errors = {}
    if status not in ActionStatus.values:
        errors["status"] = _("Choose one of the statuses in the list.")
    if not _is_progress(progress):
        errors["progress"] = _("Progress must lie between 0 and 100.")
    if errors:
        raise ValidationError(errors)
    data = _normalise_action({"status": status, "progress": progress})
    if progress_note is not None:
        data["progress_note"] = progress_note.strip()
    return _update(
        model=Action, obj=action, plan=action.goal.plan, user=user, data=data, version=version, fields=PROGRESS_FIELDS
    )


@transaction.atomic
def action_progress_import(*, plan: ActionPlan, user, updates: list[dict]) -> int:
    """Apply status and progress of many actions at once, whatever the plan's status: all rows or none.

    `updates` holds {"id", "status", "progress"} per action. Every row is checked again against the
    plan as it is now; one bad row refuses the whole import. Returns the number of changed actions.
    """
    ids = [row["id"] for row in updates]
    actions = {action.pk: action for action in Action.objects.select_for_update().filter(goal__plan=plan, pk__in=ids)}
    errors = []
    for number, row in enumerate(updates, start=1):
        if row["id"] not in actions:
            errors.append(_("Row %(number)s: action %(id)s is not part of this plan.") % {"number": number, **row})
        if row["status"] not in ActionStatus.values:
            errors.append(_("Row %(number)s: unknown status.") % {"number": number})
        if not _is_progress(row["progress"]):
            errors.append(_("Row %(number)s: progress must lie between 0 and 100.") % {"number": number})
    if len(set(ids)) != len(ids):
        errors.append(_("An action appears more than once."))
    if errors:
        raise ImportRefused(errors)
    changed = 0
    for row in updates:
        action = actions[row["id"]]
        changes = _apply(
            action, _normalise_action({"status": row["status"], "progress": row["progress"]}), PROGRESS_FIELDS
        )
        if changes:
            action.version += 1
            action.save(update_fields=["status", "progress", "version"])
            _record(plan=plan, user=user, obj=action, kind=ChangeKind.CHANGED, changes=changes)
            changed += 1
    return changed


# --- showcases (voorbeeldacties) --------------------------------------------------------------
#
# A coordinator holds up to MAX_SHOWCASES actions of a published plan as examples; VNG editors feature
# some of them on the home page and the theme pages. The database keeps positions 1 to 10 unique per
# plan; these functions give the reasons in words first.


def showcase_free_positions(plan: ActionPlan, *, keep: int | None = None) -> list[int]:
    """The positions not yet taken in the plan; `keep` (the position of the showcase being edited) counts as free."""
    taken = set(plan.showcases.values_list("position", flat=True)) - {keep}
    return [position for position in range(1, MAX_SHOWCASES + 1) if position not in taken]


@transaction.atomic
def showcase_save(*, action: Action, user, data: dict) -> Showcase:
    """Make `action` a showcase of its published plan, or change its showcase; `position` None takes the first free one.

    Refuses (nothing saved) a plan that is not published (InvalidTransition), an eleventh showcase, a
    position another showcase holds and an empty result (ValidationError).
    """
    _check_fields(data, SHOWCASE_FIELDS)
    # The lock keeps the plan published and its positions as read until this transaction ends.
    plan = ActionPlan.objects.select_for_update().get(pk=action.goal.plan_id)
    if plan.status != PlanStatus.PUBLISHED:
        raise InvalidTransition(_("Only actions of a published plan can be showcases. Publish the plan first."))
    showcase = Showcase.objects.filter(action=action).first()
    created = showcase is None
    free = showcase_free_positions(plan, keep=None if created else showcase.position)
    if not free:
        raise ValidationError(
            _("This plan has %(count)d showcases already, the most a plan can have. Remove one first.")
            % {"count": MAX_SHOWCASES}
        )
    data = {**data, "result": (data.get("result") or "").strip()}
    if data.get("position") is None:
        data["position"] = showcase.position if not created else free[0]
    elif data["position"] not in free and 1 <= data["position"] <= MAX_SHOWCASES:
        raise ValidationError({"position": _("Another showcase of this plan has this position already.")})
    if created:
        showcase = Showcase(action=action, plan=plan)
    changes = _apply(showcase, data, SHOWCASE_FIELDS)
    showcase.full_clean()
    if created or changes:
        showcase.save()
        _record(
            plan=plan,
            user=user,
            obj=showcase,
            kind=ChangeKind.CREATED if created else ChangeKind.CHANGED,
            changes=changes if not created else (("", "", ""),),
        )
    return showcase


@transaction.atomic
def showcase_remove(*, showcase: Showcase, user) -> None:
    """The action is no longer a showcase; the action itself stays."""
    plan = ActionPlan.objects.select_for_update().get(pk=showcase.plan_id)
    _record(plan=plan, user=user, obj=showcase, kind=ChangeKind.DELETED)
    showcase.delete()


@transaction.atomic
def showcase_feature(*, showcase: Showcase, user, featured: bool) -> Showcase:
    """VNG editors show a showcase on the home page and its theme's page, or stop doing so."""
    require_staff_powers(user)
    current = Showcase.objects.select_for_update().get(pk=showcase.pk)
    changes = _apply(current, {"is_featured": featured}, ["is_featured"])
    if changes:
        current.save(update_fields=["is_featured", "updated_at"])
        _record(plan=current.plan, user=user, obj=current, kind=ChangeKind.CHANGED, changes=changes)
    return current


# --- common indicators ------------------------------------------------------------------------


@transaction.atomic
def common_indicator_save(*, indicator: CommonIndicator) -> CommonIndicator:
    """Save a common indicator (VNG staff in the admin, or the starting set's loader).

    Its name and unit also show on the goals that use it, in published plans, so those change too.
    """
    indicator.full_clean()
    indicator.save()
    INDICATORS.changed()
    PLANS.changed()
    return indicator


@transaction.atomic
def common_indicators_delete(*, indicators) -> None:
    """Delete indicators no goal and no report uses (those are protected); the indicator monitor lists the rest."""
    for indicator in list(indicators):
        indicator.delete()
    INDICATORS.changed()


# --- product groups (kept by VNG staff in the admin) ---------------------------------------------


@transaction.atomic
def product_group_save(*, group: ProductGroup) -> ProductGroup:
    """Save a product group: plan pages and the monitor of product groups name it."""
    group.full_clean()
    group.save()
    PRODUCT_GROUPS.changed()
    return group


@transaction.atomic
def product_groups_delete(*, groups) -> None:
    """Delete groups no report's tenders name (those are protected); actions simply lose the tag."""
    for group in list(groups):
        group.delete()
    PRODUCT_GROUPS.changed()
    PLANS.changed()
