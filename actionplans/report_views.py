"""Yearly reports: write and submit (coordinators), read (members, VNG staff), compare, and staff overviews."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from actionplans import report_services
from actionplans.models import ActionStatus, PlanStatus, ProductGroup, YearReport
from actionplans.permissions import get_plan_for_user
from actionplans.report_forms import TENDER_PREFIX, ReportForm, tender_formset
from core.csv_export import csv_response
from core.staff import staff_required
from guidance.models import Theme
from manifest.models import ManifestEdition, Organisation, ReportingDeadline, SignatureStatus

GET_POST = require_http_methods(["GET", "POST"])
STATUS_LABELS = dict(ActionStatus.choices)


def _window(plan, year: int) -> report_services.ReportingWindow:
    """The reporting window of a year of the plan; any other year is 404."""
    try:
        return report_services.reporting_window(plan, year)
    except report_services.ReportYearOutsidePlan as error:
        raise Http404 from error


def _crumbs(plan, *extra):
    return [
        (reverse("actionplans:index"), _("Action plans")),
        (plan.get_absolute_url(), plan.title),
        (reverse("actionplans:report_index", args=[plan.uuid]), _("Yearly reports")),
        *extra,
    ]


def _report(plan, year: int) -> YearReport:
    """The stored report, or an unsaved draft with nothing entered yet."""
    report = plan.reports.filter(year=year).first() or YearReport(plan=plan, year=year)
    report.plan = plan
    return report


def _has_submitted_report(plan, year: int) -> bool:
    return plan.reports.submitted().filter(year=year).exists()


def _localise(content: dict | None) -> dict | None:
    """Add the labels a page shows in the language of the request: theme names and action statuses."""
    if content is None:
        return None
    english = (get_language() or "").startswith("en")
    for theme in content["themes"]:
        theme["display_name"] = theme["name_en"] if english and theme.get("name_en") else theme["name"]
        for goal in theme["goals"]:
            for action in goal["actions"]:
                action["status_label"] = STATUS_LABELS.get(action["status"], action["status"])
    return content


@require_GET
def report_index(request, uuid):
    """The years of the plan's period with the state of each year's report and when it can be submitted."""
    plan = get_plan_for_user(request.user, uuid)
    today = timezone.localdate()
    reports = {report.year: report for report in plan.reports.all()}
    years = []
    for year, window in report_services.reporting_windows(plan).items():
        previous = reports.get(year - 1)
        years.append(
            {
                "year": year,
                "report": reports.get(year),
                "window": window,
                "is_open": window.is_open(today),
                "can_submit": window.can_submit(today),
                "can_compare": previous is not None and previous.is_submitted,
            }
        )
    return render(
        request,
        "actionplans/report_index.html",
        {"plan": plan, "years": years, "crumbs": [*_crumbs(plan)[:-1], (request.path, _("Yearly reports"))]},
    )


def _next_steps(plan) -> list[tuple[str, str]]:
    """Where a coordinator goes after submitting: the public plan (when published), the national monitor, the
    plan whose progress next year's report starts from, and the steps from manifest to report."""
    steps = []
    if plan.status == PlanStatus.PUBLISHED:
        steps.append((plan.get_public_url(), _("See your plan as the public sees it")))
    steps.append((reverse("monitor:index") + "#reports", _("See the yearly reports in the national monitor")))
    steps.append(
        (plan.get_absolute_url(), _("Keep recording the progress of the actions: next year's report starts from it"))
    )
    steps.append((reverse("getting_started"), _("All steps from manifest to report")))
    return steps


@GET_POST
def report_detail(request, uuid, year):
    """The report for one year: a form for coordinators while it is a draft, a read-only page otherwise."""
    plan = get_plan_for_user(request.user, uuid)
    window = _window(plan, year)
    today = timezone.localdate()
    report = _report(plan, year)
    is_open = window.is_open(today)
    # The organisation's coordinators write the report, and so does a cooperative body that prepares it.
    may_write = plan.can_coordinate or plan.prepared_for_body
    editable = may_write and not report.is_submitted and is_open
    if request.method == "POST" and not editable:
        if may_write and report.is_submitted:  # a colleague submitted it while this form was open
            messages.error(request, _("This report has been submitted and can no longer be changed."))
            return redirect(report.get_absolute_url())
        raise PermissionDenied
    content = _localise(report_services.report_content(report)) if is_open or report.pk else None
    form = ReportForm(request.POST or None, content=content) if editable else None
    tenders = _tender_formset(request, report) if editable else None
    tenders_posted = tenders is not None and tenders.is_bound
    if (
        form is not None
        and request.method == "POST"
        and all([form.is_valid(), not tenders_posted or tenders.is_valid()])
    ):
        try:
            report_services.report_save_draft(
                plan=plan,
                year=year,
                user=request.user,
                data=form.report_data(),
                next_year=form.cleaned_data["next_year"],
                today=today,
                tenders=tenders.rows() if tenders_posted else None,
            )
        except report_services.ReportRefused as refusal:  # a colleague submitted it a moment ago
            messages.error(request, str(refusal))
            return redirect("actionplans:report_detail", uuid=plan.uuid, year=year)
        except ValidationError as error:  # a rule the form could not check: nothing was saved
            form.add_error(None, error)
        else:
            if "submit" in request.POST and window.can_submit(today) and plan.can_coordinate:
                return redirect("actionplans:report_submit", uuid=plan.uuid, year=year)
            messages.success(request, _("The draft report has been saved."))
            if "submit" in request.POST:
                messages.warning(
                    request,
                    _("The report on %(year)s can be submitted from %(date)s.")
                    % {"year": year, "date": report_services.long_date(window.submission_opens_on)},
                )
            return redirect("actionplans:report_detail", uuid=plan.uuid, year=year)
    return render(
        request,
        "actionplans/report_detail.html",
        {
            "plan": plan,
            "report": report,
            "window": window,
            "is_open": is_open,
            "can_submit": window.can_submit(today) and plan.can_coordinate,
            "can_compare": _has_submitted_report(plan, year - 1),
            "next_steps": _next_steps(plan) if report.is_submitted else [],
            "content": content,
            "form": form,
            "groups": form.bound_groups() if form is not None else None,
            "tenders": tenders,
            "tender_rows": _tender_rows(report) if form is None else None,
            "crumbs": _crumbs(plan, (request.path, str(year))),
        },
        status=400 if form is not None and (form.errors or tenders.total_error_count()) else 200,
    )


def _tender_formset(request, report):
    """The tender rows; bound only when the form posted them (a post without them leaves them as they are)."""
    posted = request.method == "POST" and f"{TENDER_PREFIX}-TOTAL_FORMS" in request.POST
    return tender_formset(
        request.POST if posted else None,
        report=report,
        product_groups=list(ProductGroup.objects.in_order()),
        themes=list(Theme.objects.order_by("order", "name")),
    )


def _tender_rows(report) -> list:
    """The report's tenders to read: per product group, theme and level."""
    if not report.pk:
        return []
    return list(report.tenders.select_related("product_group", "theme"))


@GET_POST
def report_submit(request, uuid, year):
    """Confirm and submit: the report is frozen as it is now. Afterwards the coordinator lands on the report."""
    plan = get_plan_for_user(request.user, uuid, coordinate=True)
    window = _window(plan, year)
    report = _report(plan, year)
    if report.is_submitted:
        messages.info(request, _("This report has already been submitted."))
        return redirect(report.get_absolute_url())
    if not window.can_submit(timezone.localdate()):
        messages.warning(
            request,
            _("The report on %(year)s can be submitted from %(date)s.")
            % {"year": year, "date": report_services.long_date(window.submission_opens_on)},
        )
        return redirect(report.get_absolute_url())
    if request.method == "POST":
        try:
            report = report_services.report_submit(plan=plan, year=year, user=request.user)
        except report_services.ReportRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The report on %(year)s has been submitted.") % {"year": year})
        return redirect(report.get_absolute_url())
    return render(
        request,
        "actionplans/report_submit.html",
        {
            "plan": plan,
            "report": report,
            "content": _localise(report_services.report_content(report)),
            "crumbs": _crumbs(plan, (report.get_absolute_url(), str(year)), (request.path, _("Submit"))),
        },
    )


def _goals_by_id(content: dict | None) -> dict:
    if not content:
        return {}
    return {goal["id"]: goal for theme in content["themes"] for goal in theme["goals"]}


def _actions_by_id(content: dict | None) -> dict:
    if not content:
        return {}
    return {
        action["id"]: action for theme in content["themes"] for goal in theme["goals"] for action in goal["actions"]
    }


def compare_contents(current: dict, previous: dict | None) -> list[dict]:
    """Per theme, each goal's value now and the year before, each action's status now and before, and what changed."""
    previous_goals = _goals_by_id(previous)
    previous_actions = _actions_by_id(previous)
    themes = []
    for theme in current["themes"]:
        goals = []
        for goal in theme["goals"]:
            before = previous_goals.get(goal["id"])
            actions = []
            for action in goal["actions"]:
                old = previous_actions.get(action["id"])
                actions.append(
                    {
                        "title": action["title"],
                        "status": STATUS_LABELS.get(action["status"], action["status"]),
                        "progress": action["progress"],
                        "previous_status": STATUS_LABELS.get(old["status"], old["status"]) if old else None,
                        "previous_progress": old["progress"] if old else None,
                        "is_new": old is None,
                        "changed": old is not None
                        and (old["status"] != action["status"] or old["progress"] != action["progress"]),
                    }
                )
            value = goal["measured_value"]
            previous_value = before["measured_value"] if before else None
            goals.append(
                {
                    "goal": goal,
                    "value": value,
                    "previous_value": previous_value,
                    "is_new": before is None,
                    "difference": (
                        Decimal(value) - Decimal(previous_value)
                        if value is not None and previous_value is not None
                        else None
                    ),
                    "actions": actions,
                }
            )
        themes.append({"theme": theme, "goals": goals})
    return themes


def goal_trends(reports: list[YearReport], current: dict) -> list[dict]:
    """Per goal of the current report: its measured value in every submitted year, with a bar length (0 to 100)."""
    trends = []
    for goal in _goals_by_id(current).values():
        points = []
        for report in reports:
            other = _goals_by_id(report.snapshot).get(goal["id"])
            if other is not None and other["measured_value"] is not None:
                points.append({"year": report.year, "value": Decimal(other["measured_value"])})
        reference = [point["value"] for point in points]
        reference += [Decimal(v) for v in (goal["baseline_value"], goal["target_value"]) if v is not None]
        scale = max((abs(v) for v in reference), default=Decimal(0))
        for point in points:
            point["percentage"] = int(abs(point["value"]) * 100 / scale) if scale else 0
        trends.append({"goal": goal, "points": points})
    return trends


@require_GET
def report_compare(request, uuid, year):
    """The report beside the previous year's submitted report, and every goal's trend across the submitted years.

    Without a submitted report on the year before there is nothing to compare: the page says so (404).
    """
    plan = get_plan_for_user(request.user, uuid)
    _window(plan, year)
    report = _report(plan, year)
    previous_report = plan.reports.submitted().filter(year=year - 1).first()
    if previous_report is None:
        return render(
            request,
            "actionplans/report_compare_missing.html",
            {
                "plan": plan,
                "report": report,
                "previous_year": year - 1,
                "crumbs": _crumbs(plan, (report.get_absolute_url(), str(year)), (request.path, _("Comparison"))),
            },
            status=404,
        )
    previous_report.plan = plan
    content = _localise(report_services.report_content(report))
    submitted = list(plan.reports.submitted().filter(year__lte=year).order_by("year"))
    previous = report_services.report_content(previous_report)
    return render(
        request,
        "actionplans/report_compare.html",
        {
            "plan": plan,
            "report": report,
            "previous_report": previous_report,
            "themes": compare_contents(content, previous),
            "trends": goal_trends(submitted, content),
            "crumbs": _crumbs(plan, (report.get_absolute_url(), str(year)), (request.path, _("Comparison"))),
        },
    )


# --- VNG staff ---------------------------------------------------------------------------------


@staff_required
@require_GET
def report_overview(request, year):
    """Which signatories of the current edition have submitted their report on `year`, and which not."""
    edition = ManifestEdition.objects.current()
    submitted = YearReport.objects.submitted().filter(plan__organisation=OuterRef("pk"), year=year)
    organisations = (
        Organisation.objects.filter(signatures__edition=edition, signatures__status=SignatureStatus.SIGNED)
        .annotate(
            submitted_at=Subquery(submitted.order_by("submitted_at").values("submitted_at")[:1]),
            plan_uuid=Subquery(submitted.order_by("submitted_at").values("plan__uuid")[:1]),
        )
        .order_by("submitted_at", "name")
        .distinct()
    )
    organisations = list(organisations)
    deadline = ReportingDeadline.objects.filter(edition=edition, year=year).first()
    reported = [organisation for organisation in organisations if organisation.submitted_at]
    missing = [organisation for organisation in organisations if not organisation.submitted_at]
    return render(
        request,
        "actionplans/report_overview.html",
        {
            "year": year,
            "edition": edition,
            "deadline": deadline,
            "reported": sorted(reported, key=lambda organisation: organisation.name),
            "missing": missing,
            "total": len(organisations),
            "previous_year": year - 1,
            "next_year": year + 1,
            "crumbs": [(request.path, _("Yearly reports %(year)s") % {"year": year})],
        },
    )


EXPORT_HEADER = [
    "organisation_code",
    "organisation_name",
    "plan_title",
    "plan_uuid",
    "year",
    "submitted_at",
    "theme",
    "goal",
    "indicator",
    "unit",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "measured_value",
    "actions",
    "actions_done",
    "progress",
    "theme_narrative",
    "next_year",
]


def _number(text: str | None) -> Decimal | str | None:
    """A value the snapshot keeps as decimal text, as a number for the spreadsheet."""
    if text in (None, ""):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return text  # not a number after all: written as (neutralised) text


def _export_rows(reports):
    yield EXPORT_HEADER
    for report in reports:
        snapshot = report.snapshot
        for theme in snapshot["themes"]:
            for goal in theme["goals"]:
                yield [
                    report.plan.organisation.code,
                    report.plan.organisation.name,
                    report.plan.title,
                    report.plan.uuid,
                    report.year,
                    report.submitted_at.isoformat(timespec="seconds"),
                    theme["slug"],
                    goal["title"],
                    goal["indicator"],
                    goal["unit"],
                    _number(goal["baseline_value"]),
                    goal["baseline_year"],
                    _number(goal["target_value"]),
                    goal["target_year"],
                    _number(goal["measured_value"]),
                    len(goal["actions"]),
                    sum(action["status"] == ActionStatus.DONE for action in goal["actions"]),
                    goal["progress"],
                    theme["narrative"],
                    snapshot["next_year"],
                ]


@staff_required
@require_GET
def report_export(request):
    """Every submitted report as CSV: one row per goal, read from the frozen snapshots."""
    reports = (
        YearReport.objects.submitted().select_related("plan__organisation").order_by("plan__organisation__name", "year")
    )
    return csv_response(_export_rows(reports.iterator(chunk_size=200)), filename="jaarrapportages-mvoi.csv")
