"""Showcases (voorbeeldacties): coordinators choose them on their published plan; everybody finds them at /voorbeelden/."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from actionplans import services, showcase_data
from actionplans.cache import PLANS
from actionplans.forms import ShowcaseFilterForm, ShowcaseForm
from actionplans.models import MAX_SHOWCASES, Action, PlanStatus, Showcase
from actionplans.permissions import get_action_for_user, get_plan_for_user, get_showcase_for_user
from core.csv_export import csv_response
from core.opendata import LICENCE_ID, LICENCE_URL, open_data_headers
from core.page_cache import cached_public_page, keep_no_copy, paginate
from guidance.cache import THEMES
from manifest.cache import REGISTER

SHOWCASES_PER_PAGE = 20
FILTER_PARAMS = ["theme", "kind", "province"]


def _crumbs(plan, *extra):
    return [(reverse("actionplans:index"), _("Action plans")), (plan.get_absolute_url(), plan.title), *extra]


def _not_published(request, plan):
    messages.error(request, _("Only actions of a published plan can be showcases. Publish the plan first."))
    return redirect(plan)


# --- choosing showcases (coordinators) --------------------------------------------------------


@require_GET
def showcase_manage(request, uuid):
    """The plan's showcases in order, and its other actions that could become one."""
    plan = get_plan_for_user(request.user, uuid, coordinate=True)
    if plan.status != PlanStatus.PUBLISHED:
        return _not_published(request, plan)
    showcases = list(plan.showcases.select_related("action__goal__theme").order_by("position"))
    others = (
        Action.objects.filter(goal__plan=plan, showcase__isnull=True)
        .select_related("goal__theme")
        .order_by("goal__order", "goal_id", "order", "id")
    )
    heading = _("Showcases")
    return render(
        request,
        "actionplans/showcase_manage.html",
        {
            "plan": plan,
            "showcases": showcases,
            "others": list(others),
            "is_full": len(showcases) >= MAX_SHOWCASES,
            "max_showcases": MAX_SHOWCASES,
            "heading": heading,
            "crumbs": _crumbs(plan, (request.path, heading)),
        },
    )


@require_http_methods(["GET", "POST"])
def showcase_edit(request, uuid, action_id):
    """Make an action a showcase, or change what its showcase says."""
    action = get_action_for_user(request.user, uuid, action_id, coordinate=True)
    plan = action.goal.plan
    if plan.status != PlanStatus.PUBLISHED:
        return _not_published(request, plan)
    showcase = Showcase.objects.filter(action=action).first()
    manage_url = reverse("actionplans:showcase_manage", kwargs={"uuid": plan.uuid})
    free = services.showcase_free_positions(plan, keep=showcase.position if showcase else None)
    if not free:
        messages.error(
            request,
            _("This plan has %(count)d showcases already, the most a plan can have. Remove one first.")
            % {"count": MAX_SHOWCASES},
        )
        return redirect(manage_url)
    instance = showcase or Showcase(action=action, plan=plan)
    form = ShowcaseForm(request.POST or None, instance=instance, free_positions=free)
    if request.method == "POST" and form.is_valid():
        try:
            services.showcase_save(action=action, user=request.user, data=form.cleaned_data)
        except services.InvalidTransition as refusal:
            messages.error(request, str(refusal))
            return redirect(plan)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("“%(title)s” is a showcase of this plan.") % {"title": action.title})
            return redirect(manage_url)
    heading = _("Change showcase") if showcase else _("Make this action a showcase")
    return render(
        request,
        "actionplans/form_page.html",
        {
            "plan": plan,
            "form": form,
            "heading": heading,
            "intro": _(
                "“%(title)s” appears among the showcases at /voorbeelden/ and is marked on the published plan. "
                "Tell others what it achieved."
            )
            % {"title": action.title},
            "submit": _("Save showcase"),
            "cancel": manage_url,
            "crumbs": _crumbs(plan, (manage_url, _("Showcases")), (request.path, heading)),
        },
    )


@require_POST
def showcase_remove(request, uuid, action_id):
    showcase = get_showcase_for_user(request.user, uuid, action_id)
    services.showcase_remove(showcase=showcase, user=request.user)
    messages.success(request, _("“%(title)s” is no longer a showcase.") % {"title": showcase.action.title})
    return redirect("actionplans:showcase_manage", uuid=uuid)


# --- the public list and its open data --------------------------------------------------------


def _filtered(request) -> tuple[ShowcaseFilterForm, object]:
    form = ShowcaseFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        keep_no_copy(request)
    return form, form.filter(Showcase.objects.public().for_listing())


@require_GET
@cached_public_page(PLANS, REGISTER, THEMES, params=[*FILTER_PARAMS, "page"])
def showcase_list(request):
    """Showcases of published plans, featured ones first, filtered by theme, tier and province."""
    form, showcases = _filtered(request)
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    return render(
        request,
        "actionplans/showcase_list.html",
        {
            "form": form,
            "page_obj": paginate(request, showcases, SHOWCASES_PER_PAGE),
            "download_query": query,
            "crumbs": [(request.path, _("Showcases"))],
        },
    )


def _download_name(extension: str) -> str:
    # No date in the name: the download is cached until the showcases change, not until midnight.
    return f"mvoi-voorbeeldacties.{extension}"


@require_GET
@cached_public_page(PLANS, REGISTER, THEMES, params=FILTER_PARAMS)
def showcase_csv(request):
    _form, showcases = _filtered(request)
    rows = [showcase_data.COLUMN_NAMES]
    rows += ([record[name] for name in showcase_data.COLUMN_NAMES] for record in showcase_data.records(showcases))
    return open_data_headers(csv_response(rows, filename=_download_name("csv")), filename=_download_name("csv"))


@require_GET
@cached_public_page(PLANS, REGISTER, THEMES, params=FILTER_PARAMS)
def showcase_json(request):
    _form, showcases = _filtered(request)
    document = {
        "title": "Voorbeeldacties MVOI",
        "description": _("Actions of published MVOI action plans that their organisations hold up as examples."),
        "licence": {"id": LICENCE_ID, "url": LICENCE_URL},
        "schema": request.build_absolute_uri(reverse("showcases:schema")),
        "columns": showcase_data.table_schema()["fields"],
        "showcases": list(showcase_data.records(showcases)),
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    return open_data_headers(response, filename=_download_name("json"))


@require_safe
def showcase_schema(request):
    """The Table Schema of the CSV download."""
    response = HttpResponse(
        json.dumps(showcase_data.table_schema(), ensure_ascii=False, indent=1),
        content_type="application/schema+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
