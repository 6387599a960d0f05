import copy
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actionplans import csv_io, documents, plan_export, review_services, services
from actionplans.cache import PLANS
from actionplans.checklist import plan_checklist
from actionplans.forms import (
    ActionForm,
    ActionProgressForm,
    AdoptForm,
    GoalForm,
    ImportForm,
    NewPlanForm,
    PlanForm,
    PublishedFilterForm,
)
from actionplans.journey_views import no_organisation_page
from actionplans.models import (
    Action,
    ActionPlan,
    ActionStatus,
    Goal,
    PlanOwner,
    PlanStatus,
    ProductGroup,
    adoption_of,
    owner_targets_of_goal,
    plan_owners,
)
from actionplans.peers import peer_comparison
from actionplans.permissions import (
    get_action_for_user,
    get_goal_for_user,
    get_plan_for_user,
    organisations_for_new_plan,
)
from actionplans.plan_templates import plan_placeholders
from core.page_cache import cached_public_page, keep_no_copy, paginate
from core.staff import has_staff_powers, staff_code_url
from core.uploads import upload_was_refused
from core.xlsx_export import xlsx_response
from guidance.cache import THEMES
from manifest.cache import REGISTER
from manifest.models import ManifestEdition, Membership

GET_POST = require_http_methods(["GET", "POST"])
PLACEHOLDER_HINT = gettext_lazy(
    "Text between [[ and ]] comes from the template: replace it with your own text, brackets included. "
    "A plan that still holds such text cannot be published."
)


def refusal_as_message(view):
    """A step the plan's status does not allow (any more) shows the service's reason on the plan's page.

    The plan may have changed in another window since this page was opened; the service refuses inside its
    transaction, so nothing is half-saved.
    """

    @wraps(view)
    def wrapper(request, uuid, *args, **kwargs):
        try:
            return view(request, uuid, *args, **kwargs)
        except services.InvalidTransition as refusal:
            messages.error(request, str(refusal))
            return redirect("actionplans:plan_detail", uuid=uuid)

    return wrapper


# --- reading a plan ---------------------------------------------------------------------------


def plan_goals(plan, *, with_people: bool = False) -> list[Goal]:
    """The plan's goals in document order, each with its actions (their showcase and product groups): three
    queries, however large the plan."""
    actions = (
        Action.objects.select_related("showcase")
        .order_by("order", "id")
        .prefetch_related(Prefetch("product_groups", queryset=ProductGroup.objects.order_by("name")))
    )
    if with_people:
        actions = actions.select_related("owner_member")
    return list(
        plan.goals.select_related("theme", "common_indicator")
        .prefetch_related(Prefetch("actions", queryset=actions))
        .annotate(owner_target_list=owner_targets_of_goal())
        .order_by("theme__order", "theme__name", "order", "id")
    )


def themes_with_goals(goals: list[Goal]) -> list[dict]:
    """Goals grouped by theme with the theme's progress: the mean progress of its actions that count."""
    groups: list[dict] = []
    for goal in goals:
        if not groups or groups[-1]["theme"].pk != goal.theme_id:
            groups.append({"theme": goal.theme, "goals": []})
        groups[-1]["goals"].append(goal)
    for group in groups:
        for goal in group["goals"]:
            goal.progress = Action.progress_of(goal.actions.all())
        actions = [action for goal in group["goals"] for action in goal.actions.all()]
        group["progress"] = Action.progress_of(actions)
        group["action_count"] = len(actions)
        group["done_count"] = sum(action.status == ActionStatus.DONE for action in actions)
        group["overdue_count"] = sum(action.is_overdue for action in actions)
    return groups


def _url_for_id(name: str, plan) -> Callable[[int], str]:
    """A function from object id to URL: reverses once, not once per goal or action of a large plan."""
    template = reverse(f"actionplans:{name}", args=[plan.uuid, 0])
    head, tail = template.rsplit("/0/", 1)
    return lambda object_id: f"{head}/{object_id}/{tail}"


def _add_edit_urls(plan, goals: list[Goal]) -> None:
    goal_urls = {name: _url_for_id(f"goal_{name}", plan) for name in ("edit", "delete", "move")}
    goal_urls["add_action"] = _url_for_id("action_create", plan)
    goal_urls["targets"] = _url_for_id("goal_targets", plan)
    action_urls = {name: _url_for_id(f"action_{name}", plan) for name in ("edit", "delete", "move")}
    for goal in goals:
        goal.urls = {name: make(goal.pk) for name, make in goal_urls.items()}
        for action in goal.actions.all():
            action.urls = {name: make(action.pk) for name, make in action_urls.items()}


def _add_progress_urls(plan, goals: list[Goal]) -> None:
    progress_url = _url_for_id("action_progress", plan)
    for goal in goals:
        for action in goal.actions.all():
            action.urls = {"progress": progress_url(action.pk)}


def _plan_context(plan, *, with_people: bool) -> dict:
    goals = plan_goals(plan, with_people=with_people)
    if getattr(plan, "can_edit", False):
        _add_edit_urls(plan, goals)
    elif getattr(plan, "can_track", False):
        _add_progress_urls(plan, goals)
    themes = themes_with_goals(goals)
    all_actions = [action for goal in goals for action in goal.actions.all()]
    return {
        "plan": plan,
        "goals": goals,
        "review": review_services.completed_review(plan),
        "themes": themes,
        "goal_count": len(goals),
        "action_count": len(all_actions),
        "overdue_count": sum(action.is_overdue for action in all_actions),
        "overall_progress": Action.progress_of(all_actions),
    }


def _crumbs(plan, *extra):
    return [(reverse("actionplans:index"), _("Action plans")), (plan.get_absolute_url(), plan.title), *extra]


@require_GET
def index(request):
    """The plans of the user's organisations; VNG staff see every plan. Anonymous visitors get the published ones."""
    if not request.user.is_authenticated:
        return redirect("actionplans:published_list")
    plans = ActionPlan.objects.visible_to(request.user).select_related("organisation")
    status = request.GET.get("status", "")
    if status in PlanStatus.values:
        plans = plans.filter(status=status)
    paginator = Paginator(plans, 50)
    return render(
        request,
        "actionplans/index.html",
        {
            "page_obj": paginator.get_page(request.GET.get("page")),
            "statuses": PlanStatus.choices,
            "status": status,
            "can_start": organisations_for_new_plan(request.user).exists(),
            "is_vng_staff": has_staff_powers(request.user),
            "staff_code_url": staff_code_url(request),
            "report_year": timezone.localdate().year - 1,
            "crumbs": [(reverse("actionplans:index"), _("Action plans"))],
        },
    )


@require_GET
def plan_detail(request, uuid):
    plan = get_plan_for_user(request.user, uuid)
    context = _plan_context(plan, with_people=True)
    context["next_statuses"] = services.plan_next_statuses(plan)
    context["crumbs"] = _crumbs(plan)
    if plan.can_coordinate and plan.status == PlanStatus.PUBLISHED:
        current = ManifestEdition.objects.current()
        if current is not None and plan.edition_id != current.pk:
            context["carry_over_to"] = current
    context["ownership"] = _ownership(request.user, plan)
    if plan.is_member:
        context["peers"] = peer_comparison(plan, themes=context["themes"])
        if plan.is_draft:  # what VNG's review will check, while it can still be fixed; it never blocks adoption
            context["checklist"] = plan_checklist(plan, goals=context["goals"])
        if getattr(plan, "can_edit", False):  # template text blocks publication: show where, with the way to fix it
            context["places"] = _placeholder_places(plan, plan_placeholders(plan, goals=context["goals"]))
    return render(request, "actionplans/plan_detail.html", context)


def _ownership(user, plan) -> dict:
    """The plan's owners for its page: the lead and the co-owners with their adoption (one rule: `adoption_of`),
    the requests still open (for the lead's side only), and which co-owners the user records adoption for."""
    if not getattr(plan, "has_co_owners", True):  # most plans: no query at all
        plan.accepted_owners = []
        return {"owners": [], "requests": [], "joint": False}
    rows = list(PlanOwner.objects.filter(plan=plan).select_related("organisation").order_by("organisation__name"))
    plan.accepted_owners = [row for row in rows if row.is_accepted]
    if not rows:
        return {"owners": [], "requests": [], "joint": False}
    coordinated = set(Membership.objects.coordinators().filter(user=user).values_list("organisation", flat=True))
    owners = [
        {
            "organisation": organisation,
            "adopted_on": adoption_of(plan, organisation),
            "row": next((row for row in plan.accepted_owners if row.organisation_id == organisation.pk), None),
        }
        for organisation in plan_owners(plan)
    ]
    for owner in owners:
        owner["may_adopt"] = (
            owner["row"] is not None
            and owner["organisation"].pk in coordinated
            and owner["adopted_on"] is None
            and not plan.is_draft
        )
        # Leaving: see owner_services.may_leave (the same rule, on what is already loaded here).
        owner["may_leave"] = (
            owner["row"] is not None and owner["organisation"].pk in coordinated and owner["adopted_on"] is None
        )
        # After its own adoption a co-owner withdraws with a reason (owner_services.may_leave_adopted).
        owner["may_leave_adopted"] = (
            owner["row"] is not None and owner["organisation"].pk in coordinated and owner["adopted_on"] is not None
        )
    handover = plan.handovers.open().select_related("to_organisation").first() if plan.accepted_owners else None
    return {
        "owners": owners,
        "requests": [row for row in rows if not row.is_accepted] if plan.sees_owner_requests else [],
        "joint": bool(plan.accepted_owners),
        "handover": handover,
        "may_hand_over": handover is None and bool(plan.accepted_owners) and plan.can_coordinate,
    }


@require_GET
def plan_print(request, uuid):
    plan = get_plan_for_user(request.user, uuid)
    context = _plan_context(plan, with_people=False)
    return render(request, "actionplans/plan_print.html", context)


@require_GET
def plan_history(request, uuid):
    plan = get_plan_for_user(request.user, uuid)
    changes = plan.changes.select_related("user")
    return render(
        request,
        "actionplans/plan_history.html",
        {
            "plan": plan,
            "page_obj": Paginator(changes, 50).get_page(request.GET.get("page")),
            "crumbs": _crumbs(plan, (request.path, _("History"))),
        },
    )


def _filename(plan, extension: str) -> str:
    return f"actieplan-{plan.organisation.code}-{plan.start_year}-{plan.end_year}.{extension}"


@require_GET
def plan_csv(request, uuid):
    plan = get_plan_for_user(request.user, uuid)
    return csv_io.export_response(plan_goals(plan), filename=_filename(plan, "csv"))


def _document(plan, kind: str) -> HttpResponse:
    """The plan as PDF or DOCX: without the people behind actions, from the stored copy where it is current."""
    content = documents.plan_document(plan, kind, context=lambda: _plan_context(plan, with_people=False))
    response = HttpResponse(content, content_type=documents.FORMATS[kind].content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, kind)}"'
    return response


def _plan_xlsx(plan, *, with_requests: bool):
    owners = plan_export.plan_owners(plan, with_requests=with_requests)
    return xlsx_response(plan_export.plan_sheets(plan_goals(plan), owners), filename=_filename(plan, "xlsx"))


@require_GET
def plan_xlsx(request, uuid):
    """The plan's goals and actions for Excel (the columns of the CSV export), its owners and their targets."""
    plan = get_plan_for_user(request.user, uuid)
    return _plan_xlsx(plan, with_requests=plan.sees_owner_requests)


@require_GET
def plan_pdf(request, uuid):
    return _document(get_plan_for_user(request.user, uuid), "pdf")


@require_GET
def plan_docx(request, uuid):
    return _document(get_plan_for_user(request.user, uuid), "docx")


# --- starting and changing a plan -------------------------------------------------------------


@login_required
@GET_POST
def plan_create(request):
    organisations = organisations_for_new_plan(request.user)
    if not organisations.exists():
        return no_organisation_page(request, heading=_("New action plan"))
    initial = {}
    if request.GET.get("kopie"):
        initial = {"start": NewPlanForm.START_COPY, "source": request.GET["kopie"]}
    form = NewPlanForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "organisation": data["organisation"],
            "user": request.user,
            "start_year": data["start_year"],
            "end_year": data["end_year"],
        }
        try:
            if data["start"] == NewPlanForm.START_COPY:
                title = (
                    data["title"]
                    or f"Actieplan MVOI {data['organisation'].name} {data['start_year']}–{data['end_year']}"
                )
                plan = services.plan_copy(source=data["source"], title=title, **common)
            elif data["start"] == NewPlanForm.START_EMPTY:
                plan = services.plan_create_empty(title=data["title"], **common)
            else:
                plan = services.plan_create_from_template(track=data["start"], title=data["title"], **common)
        except services.InvalidTransition as refusal:  # the plan to copy was taken off line meanwhile
            form.add_error("source", str(refusal))
        else:
            messages.success(request, _("Your draft plan is ready. Fill it in together with your colleagues."))
            return redirect(plan)
    return render(
        request,
        "actionplans/plan_new.html",
        {"form": form, "crumbs": [(reverse("actionplans:index"), _("Action plans")), (request.path, _("New plan"))]},
    )


def _shown(obj, name: str) -> str:
    """A field's value as a person reads it: the label of a choice (“In progress”), the text of anything else."""
    text = services._value_text(obj, name)
    field = obj._meta.get_field(name)
    return str(dict(field.flatchoices).get(text, text)) if field.choices else text


def _conflict_rows(form, current) -> list[tuple[str, str, str]]:
    """(label, your value, saved value) for each field where the user's input differs from what is stored."""
    rows = []
    for name, value in form.changes().items():
        if current._meta.get_field(name).many_to_many:
            mine, theirs = services._names(value), services._value_text(current, name)
        else:
            probe = type(current)(**{})
            setattr(probe, name, value)
            mine = _shown(probe, name)
            theirs = _shown(current, name)
        if mine != theirs:
            rows.append((form.fields[name].label, mine, theirs))
    return rows


def _conflict(request, *, form, form_class, conflict, plan, heading, form_kwargs=None):
    """The conflict page: what the colleague saved beside the user's input, in a form ready to save again."""
    rows = _conflict_rows(form, conflict.current)
    data = request.POST.copy()
    data["version"] = conflict.current.version
    # Validating binds the user's input to the instance, so give the form a copy of what is stored.
    fresh_form = form_class(data, instance=copy.copy(conflict.current), **(form_kwargs or {}))
    fresh_form.is_valid()
    return render(
        request,
        "actionplans/conflict.html",
        {
            "plan": plan,
            "form": fresh_form,
            "rows": rows,
            "heading": heading,
            "crumbs": _crumbs(plan, (request.path, heading)),
        },
        status=409,
    )


def _form_page(request, plan, *, form, heading, intro="", submit=None, cancel=None, status=200, places=()):
    return render(
        request,
        "actionplans/form_page.html",
        {
            "plan": plan,
            "form": form,
            "heading": heading,
            "intro": intro,
            "submit": submit or _("Save"),
            "cancel": cancel or plan.get_absolute_url(),
            "places": places,
            "crumbs": _crumbs(plan, (request.path, heading)),
        },
        status=status,
    )


def _confirm_page(request, plan, *, heading, text, submit, cancel=None, danger=False, places=(), status=200):
    """Confirm a step; with `places` (template text still to replace) the step is refused and they are listed."""
    return render(
        request,
        "actionplans/confirm.html",
        {
            "plan": plan,
            "heading": heading,
            "text": text,
            "submit": submit,
            "danger": danger,
            "places": places,
            "cancel": cancel or plan.get_absolute_url(),
            "crumbs": _crumbs(plan, (request.path, heading)),
        },
        status=status,
    )


def _placeholder_places(plan, placeholders) -> list[dict]:
    """Each field that still holds template text, with a link to where it is filled in.

    In a draft the link opens the field in its edit form; otherwise it points at the place on the plan's
    page (changing it then needs the plan back in draft).
    """
    editable = getattr(plan, "can_edit", False)
    places: dict[tuple, dict] = {}
    for placeholder in placeholders:
        obj, field = placeholder.obj, placeholder.field
        if placeholder.kind == "actionplan":
            label = _("Section “%(section)s”") % {"section": placeholder.field_label}
            edit_url = reverse("actionplans:plan_edit", args=[plan.uuid])
            anchor = f"section-{field}" if field != "title" else "main-content"
        elif placeholder.kind == "goal":
            label = _("Goal “%(goal)s”: %(field)s") % {"goal": obj.title, "field": placeholder.field_label}
            edit_url = reverse("actionplans:goal_edit", args=[plan.uuid, obj.pk])
            anchor = f"goal-{obj.pk}"
        else:
            label = _("Action “%(action)s”: %(field)s") % {"action": obj.title, "field": placeholder.field_label}
            edit_url = reverse("actionplans:action_edit", args=[plan.uuid, obj.pk])
            anchor = f"action-{obj.pk}"
        url = f"{edit_url}#id_{field}" if editable else f"{plan.get_absolute_url()}#{anchor}"
        place = places.setdefault((placeholder.kind, obj.pk, field), {"label": label, "url": url, "texts": []})
        place["texts"].append(placeholder.text)
    return list(places.values())


def _apply_validation_error(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@GET_POST
@refusal_as_message
def plan_edit(request, uuid):
    plan = get_plan_for_user(request.user, uuid, edit=True)
    heading = _("Edit plan")
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                plan=plan, user=request.user, data=form.changes(), version=form.cleaned_data["version"]
            )
        except services.EditConflict as conflict:
            return _conflict(request, form=form, form_class=PlanForm, conflict=conflict, plan=plan, heading=heading)
        messages.success(request, _("The plan has been saved."))
        return redirect(plan)
    return _form_page(request, plan, form=form, heading=heading, intro=PLACEHOLDER_HINT)


def _refuse_step(request, plan, status: str):
    """None when the plan may move to `status`; otherwise the redirect with the reason."""
    if services.plan_can_move_to(plan, status):
        return None
    messages.error(request, _("This step is not possible in the plan's current status."))
    return redirect(plan)


@GET_POST
@refusal_as_message
def plan_adopt(request, uuid):
    plan = get_plan_for_user(request.user, uuid, coordinate=True)
    if refused := _refuse_step(request, plan, PlanStatus.ADOPTED):
        return refused
    form = AdoptForm(request.POST or None)
    placeholders = plan_placeholders(plan)
    if request.method == "POST" and form.is_valid():
        services.plan_adopt(plan=plan, user=request.user, **form.cleaned_data)
        if placeholders:
            messages.warning(
                request,
                _(
                    "The plan is adopted, but it still contains text from the template. It can only be published "
                    "after that text has been replaced, in a draft."
                ),
            )
        else:
            messages.success(request, _("The plan is adopted. Publish it so other organisations can learn from it."))
        return redirect(plan)
    return _form_page(
        request,
        plan,
        form=form,
        heading=_("Record adoption"),
        intro=_(
            "Record when and by whom the plan was adopted, for example by the college. After this, members "
            "only record the status and progress of its actions; anything else changes only after a coordinator "
            "takes the plan back to draft."
        ),
        submit=_("Record adoption"),
        places=_placeholder_places(plan, placeholders),
    )


def _transition(request, plan, *, service, status, heading, text, submit, done):
    if refused := _refuse_step(request, plan, status):
        return refused
    if request.method == "POST":
        service(plan=plan, user=request.user)
        messages.success(request, done)
        return redirect(plan)
    return _confirm_page(request, plan, heading=heading, text=text, submit=submit)


@GET_POST
@refusal_as_message
def plan_publish(request, uuid):
    """Publish an adopted plan; a plan that still holds template text is refused with a list of the places."""
    plan = get_plan_for_user(request.user, uuid, coordinate=True)
    heading = _("Publish plan")
    if refused := _refuse_step(request, plan, PlanStatus.PUBLISHED):
        return refused
    placeholders = plan_placeholders(plan)
    if request.method == "POST":
        try:
            services.plan_publish(plan=plan, user=request.user)
        except services.PlanIncomplete as incomplete:
            placeholders = incomplete.placeholders
        else:
            messages.success(request, _("The plan is published."))
            return redirect(plan)
    if placeholders:
        return _confirm_page(
            request,
            plan,
            heading=heading,
            text=_(
                "The plan still contains text from the template, written as an example or a question to "
                "answer. Replace it with your own text before you publish: take the plan back to draft, "
                "change the places below and record the adoption again."
            ),
            submit=None,
            places=_placeholder_places(plan, placeholders),
            status=409 if request.method == "POST" else 200,
        )
    return _confirm_page(
        request,
        plan,
        heading=heading,
        text=_(
            "Everybody can then read the plan under published plans, and other organisations can copy its goals "
            "and actions. Names of colleagues are not published."
        ),
        submit=_("Publish"),
    )


@GET_POST
@refusal_as_message
def plan_unpublish(request, uuid):
    plan = get_plan_for_user(request.user, uuid, coordinate=True)
    return _transition(
        request,
        plan,
        service=services.plan_unpublish,
        status=PlanStatus.DRAFT,
        heading=_("Back to draft"),
        text=_(
            "The plan is taken off the published plans and can be changed again. The adoption is cleared; "
            "record it again after the new version is adopted. The history keeps the old adoption."
        ),
        submit=_("Back to draft"),
        done=_("The plan is a draft again."),
    )


@GET_POST
@refusal_as_message
def plan_delete(request, uuid):
    plan = get_plan_for_user(request.user, uuid, coordinate=True)
    if not plan.is_draft:
        messages.error(request, _("Only a draft plan can be deleted. Take it back to draft first."))
        return redirect(plan)
    if request.method == "POST":
        services.plan_delete(plan=plan, user=request.user)
        messages.success(request, _("The plan has been deleted."))
        return redirect("actionplans:index")
    return _confirm_page(
        request,
        plan,
        heading=_("Delete plan"),
        text=_("The plan with all its goals, actions and history is deleted. This cannot be undone."),
        submit=_("Delete plan"),
        danger=True,
    )


@require_POST
@refusal_as_message
def plan_carry_over(request, uuid):
    """A coordinator copies a published plan of an earlier edition into a draft for the current edition."""
    plan = get_plan_for_user(request.user, uuid, coordinate=True)
    copy = services.plan_carry_over(plan=plan, user=request.user)
    messages.success(
        request,
        _("This draft is a copy of “%(title)s” for the %(edition)s. Bring its goals and actions up to date.")
        % {"title": plan.title, "edition": copy.edition.title},
    )
    return redirect(copy)


# --- goals ------------------------------------------------------------------------------------


@GET_POST
@refusal_as_message
def goal_create(request, uuid):
    plan = get_plan_for_user(request.user, uuid, edit=True)
    form = GoalForm(request.POST or None, instance=Goal(plan=plan))
    if request.method == "POST" and form.is_valid():
        goal = services.goal_create(plan=plan, user=request.user, data=form.changes())
        messages.success(request, _("The goal has been added. Now add the actions that bring it closer."))
        return redirect(goal)
    return _form_page(request, plan, form=form, heading=_("Add a goal"), submit=_("Add goal"))


@GET_POST
@refusal_as_message
def goal_edit(request, uuid, goal_id):
    goal = get_goal_for_user(request.user, uuid, goal_id, edit=True)
    plan = goal.plan
    heading = _("Edit goal")
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(
                goal=goal, user=request.user, data=form.changes(), version=form.cleaned_data["version"]
            )
        except services.EditConflict as conflict:
            conflict.current.plan = plan
            return _conflict(request, form=form, form_class=GoalForm, conflict=conflict, plan=plan, heading=heading)
        messages.success(request, _("The goal has been saved."))
        return redirect(goal)
    return _form_page(request, plan, form=form, heading=heading, intro=PLACEHOLDER_HINT)


@GET_POST
@refusal_as_message
def goal_delete(request, uuid, goal_id):
    goal = get_goal_for_user(request.user, uuid, goal_id, edit=True)
    if request.method == "POST":
        services.goal_delete(goal=goal, user=request.user)
        messages.success(request, _("The goal and its actions have been deleted."))
        return redirect(goal.plan)
    return _confirm_page(
        request,
        goal.plan,
        heading=_("Delete goal"),
        text=_("The goal “%(title)s” and its %(count)s actions are deleted.")
        % {"title": goal.title, "count": goal.actions.count()},
        submit=_("Delete goal"),
        danger=True,
    )


@require_POST
@refusal_as_message
def goal_move(request, uuid, goal_id):
    goal = get_goal_for_user(request.user, uuid, goal_id, edit=True)
    services.goal_move(goal=goal, user=request.user, direction=request.POST.get("direction", ""))
    return redirect(goal)


# --- actions ----------------------------------------------------------------------------------


@GET_POST
@refusal_as_message
def action_create(request, uuid, goal_id):
    goal = get_goal_for_user(request.user, uuid, goal_id, edit=True)
    plan = goal.plan
    form = ActionForm(request.POST or None, instance=Action(goal=goal), plan=plan, initial={"goal": goal})
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(goal=goal, user=request.user, data=form.changes())
        except ValidationError as error:
            _apply_validation_error(form, error)
        else:
            messages.success(request, _("The action has been added."))
            return redirect(plan.get_absolute_url() + f"#action-{action.pk}")
    return _form_page(request, plan, form=form, heading=_("Add an action"), submit=_("Add action"))


@GET_POST
@refusal_as_message
def action_edit(request, uuid, action_id):
    action = get_action_for_user(request.user, uuid, action_id, edit=True)
    plan = action.goal.plan
    heading = _("Edit action")
    form = ActionForm(request.POST or None, instance=action, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(
                action=action, user=request.user, data=form.changes(), version=form.cleaned_data["version"]
            )
        except services.EditConflict as conflict:
            return _conflict(
                request,
                form=form,
                form_class=ActionForm,
                conflict=conflict,
                plan=plan,
                heading=heading,
                form_kwargs={"plan": plan},
            )
        except ValidationError as error:
            _apply_validation_error(form, error)
        else:
            messages.success(request, _("The action has been saved."))
            return redirect(plan.get_absolute_url() + f"#action-{action.pk}")
    return _form_page(request, plan, form=form, heading=heading)


@GET_POST
@refusal_as_message
def action_delete(request, uuid, action_id):
    action = get_action_for_user(request.user, uuid, action_id, edit=True)
    plan = action.goal.plan
    if request.method == "POST":
        services.action_delete(action=action, user=request.user)
        messages.success(request, _("The action has been deleted."))
        return redirect(plan)
    return _confirm_page(
        request,
        plan,
        heading=_("Delete action"),
        text=_("The action “%(title)s” is deleted.") % {"title": action.title},
        submit=_("Delete action"),
        danger=True,
    )


@require_POST
@refusal_as_message
def action_move(request, uuid, action_id):
    action = get_action_for_user(request.user, uuid, action_id, edit=True)
    services.action_move(action=action, user=request.user, direction=request.POST.get("direction", ""))
    return redirect(action.goal.plan.get_absolute_url() + f"#action-{action.pk}")


@GET_POST
def action_progress(request, uuid, action_id):
    """Record the status and progress of one action; works on adopted and published plans too."""
    action = get_action_for_user(request.user, uuid, action_id, track=True)
    plan = action.goal.plan
    back = plan.get_absolute_url() + f"#action-{action.pk}"
    heading = _("Update progress")
    form = ActionProgressForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_progress_update(
                action=action, user=request.user, version=form.cleaned_data["version"], **form.changes()
            )
        except services.EditConflict as conflict:
            return _conflict(
                request, form=form, form_class=ActionProgressForm, conflict=conflict, plan=plan, heading=heading
            )
        except ValidationError as error:
            _apply_validation_error(form, error)
        else:
            messages.success(request, _("The progress of “%(title)s” has been saved.") % {"title": action.title})
            return redirect(back)
    return _form_page(
        request,
        plan,
        form=form,
        heading=heading,
        intro=_("Record how far the action “%(title)s” has come. The rest of the plan stays as it is.")
        % {"title": action.title},
        submit=_("Save progress"),
        cancel=back,
    )


# --- CSV import -------------------------------------------------------------------------------


def _import_session_key(plan) -> str:
    return f"actionplans-import-{plan.uuid}"


@GET_POST
def plan_import(request, uuid):
    """Upload a CSV of action status and progress; the preview shows every row and its errors.

    Like the progress of one action, this works in every status of the plan.
    """
    plan = get_plan_for_user(request.user, uuid, track=True)
    posted = request.method == "POST"  # bound even when a refused upload left the post empty
    form = ImportForm(
        request.POST if posted else None, request.FILES if posted else None, upload_refused=upload_was_refused(request)
    )
    result = None
    if request.method == "POST" and form.is_valid():
        result = csv_io.read_import(form.cleaned_data["file"].read(), plan=plan)
        if result.is_valid:
            request.session[_import_session_key(plan)] = [row.as_update() for row in result.rows]
        else:
            request.session.pop(_import_session_key(plan), None)
    heading = _("Import status and progress")
    return render(
        request,
        "actionplans/plan_import.html",
        {
            "plan": plan,
            "form": form,
            "result": result,
            "heading": heading,
            "crumbs": _crumbs(plan, (request.path, heading)),
        },
        status=400 if result is not None and not result.is_valid else 200,
    )


@require_POST
def plan_import_apply(request, uuid):
    plan = get_plan_for_user(request.user, uuid, track=True)
    updates = request.session.pop(_import_session_key(plan), None)
    if not updates:
        messages.error(request, _("There is no checked import to apply. Upload the file again."))
        return redirect("actionplans:plan_import", uuid=plan.uuid)
    try:
        changed = services.action_progress_import(plan=plan, user=request.user, updates=updates)
    except services.ImportRefused as refused:
        for error in refused.errors:
            messages.error(request, error)
        messages.error(request, _("Nothing has been changed. Upload a corrected file."))
        return redirect("actionplans:plan_import", uuid=plan.uuid)
    messages.success(request, _("%(count)s actions have been updated.") % {"count": changed})
    return redirect(plan)


# --- published plans --------------------------------------------------------------------------


@require_GET
@cached_public_page(PLANS, REGISTER, THEMES, params=["kind", "province", "theme", "track", "page"])
def published_list(request):
    form = PublishedFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        keep_no_copy(request)
    plans = form.filter(ActionPlan.objects.published().select_related("organisation", "organisation__province"))
    plans = plans.order_by("organisation__name", "-start_year")
    return render(
        request,
        "actionplans/published_list.html",
        {
            "form": form,
            "page_obj": paginate(request, plans, 20),
            "crumbs": [(request.path, _("Published action plans"))],
        },
    )


@require_GET
@cached_public_page(PLANS, THEMES, REGISTER)  # goals and actions with their themes, the owners by name
def published_xlsx(request, uuid):
    return _plan_xlsx(_published_plan(uuid), with_requests=False)


@require_GET
@cached_public_page(*documents.DOCUMENT_KINDS)
def published_detail(request, uuid):
    plan = get_object_or_404(
        ActionPlan.objects.published().select_related("organisation", "edition").with_owners(), uuid=uuid
    )
    context = _plan_context(plan, with_people=False)
    context["owners"] = [
        {"organisation": organisation, "adopted_on": adoption_of(plan, organisation)}
        for organisation in plan_owners(plan)
    ]
    context["showcase_count"] = sum(
        hasattr(action, "showcase")
        for group in context["themes"]
        for goal in group["goals"]
        for action in goal.actions.all()
    )
    context["crumbs"] = [
        (reverse("actionplans:published_list"), _("Published action plans")),
        (request.path, plan.title),
    ]
    return render(request, "actionplans/published_detail.html", context)


def _published_plan(uuid) -> ActionPlan:
    return get_object_or_404(ActionPlan.objects.published().select_related("organisation"), uuid=uuid)


@require_GET
def published_pdf(request, uuid):
    return _document(_published_plan(uuid), "pdf")


@require_GET
def published_docx(request, uuid):
    return _document(_published_plan(uuid), "docx")
