"""The published plans as open data: all goals and actions (CSV, JSON), each plan as JSON, and their schemas."""

import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_safe

from actionplans import opendata
from actionplans.models import ActionPlan, co_owners_of_plan
from core.csv_export import write_csv
from core.opendata import LICENCE_ID, LICENCE_URL, open_data_headers
from core.page_cache import cached_public_page

JSON_DUMPS = {"ensure_ascii": False, "indent": 1}


def _plan_url(request):
    return lambda plan: request.build_absolute_uri(plan.get_public_url())


def _schema_response(schema: dict) -> HttpResponse:
    response = HttpResponse(json.dumps(schema, **JSON_DUMPS), content_type="application/schema+json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@cached_public_page(*opendata.PLAN_DATA_KINDS)
def published_rows_csv(request):
    rows = opendata.row_values(opendata.published_goals(), _plan_url(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8; header=present")
    write_csv(response, [opendata.COLUMN_NAMES, *([row[name] for name in opendata.COLUMN_NAMES] for row in rows)])
    return open_data_headers(response, filename="mvoi-actieplannen-doelen-en-acties.csv")


@require_safe
@cached_public_page(*opendata.PLAN_DATA_KINDS)
def published_rows_json(request):
    rows = opendata.row_values(opendata.published_goals(), _plan_url(request))
    document = {
        "title": "Doelen en acties van gepubliceerde actieplannen MVOI",
        "licence": {"id": LICENCE_ID, "url": LICENCE_URL},
        "schema": request.build_absolute_uri(reverse("actionplans:published_rows_schema")),
        "count": len(rows),
        "rows": [{name: opendata.json_value(row[name]) for name in opendata.COLUMN_NAMES} for row in rows],
    }
    response = JsonResponse(document, json_dumps_params=JSON_DUMPS)
    return open_data_headers(response, filename="mvoi-actieplannen-doelen-en-acties.json", inline=True)


@require_safe
def published_rows_schema(request):
    """The Table Schema of the goals and actions file."""
    return _schema_response(opendata.table_schema())


@require_safe
@cached_public_page(*opendata.PLAN_DATA_KINDS)
def published_json(request, uuid):
    """One published plan with its goals and actions, as JSON."""
    plans = ActionPlan.objects.published().select_related("organisation", "edition")
    plan = get_object_or_404(plans.annotate(co_owner_list=co_owners_of_plan()), uuid=uuid)
    document = opendata.plan_document(
        plan,
        opendata.published_goals(plans=[plan]),
        url=request.build_absolute_uri(plan.get_public_url()),
        schema_url=request.build_absolute_uri(reverse("actionplans:published_json_schema")),
    )
    response = JsonResponse(document, json_dumps_params=JSON_DUMPS)
    return open_data_headers(response, filename=f"actieplan-{plan.uuid}.json", inline=True)


@require_safe
def published_json_schema(request):
    """The JSON Schema of a published plan's data.json."""
    return _schema_response(opendata.PLAN_JSON_SCHEMA)
