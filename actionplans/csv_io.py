"""CSV export of a plan's goals and actions, and reading an import of action status and progress.

Both use Dutch column names and a semicolon, as Dutch spreadsheet programs expect, and UTF-8 with a BOM.
The export is written by `core.csv_export`, which keeps formulas out of every cell.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from actionplans.models import Action, ActionStatus, effective_progress
from core.csv_export import FORMULA_STARTS, csv_response

COLUMNS = [
    "soort",
    "id",
    "doel_id",
    "thema",
    "titel",
    "omschrijving",
    "indicator",
    "eenheid",
    "nulwaarde",
    "nuljaar",
    "streefwaarde",
    "streefjaar",
    "eigenaar",
    "start",
    "einde",
    "status",
    "voortgang",
    "productgroepen",
    "ambitieniveau",
    "sturingsniveau",
]
IMPORT_REQUIRED = ["id", "status", "voortgang"]
NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def export_rows(goals) -> list[list]:
    """Rows (with the header) for goals whose actions are prefetched; numbers stay numbers, dates dates."""
    rows = [COLUMNS]
    for goal in goals:
        rows.append(
            [
                "doel",
                goal.pk,
                "",
                goal.theme.name,
                goal.title,
                goal.description,
                goal.measure_name,
                goal.measure_unit,
                goal.baseline_value,
                goal.baseline_year,
                goal.target_value,
                goal.target_year,
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
        )
        for action in goal.actions.all():
            rows.append(
                [
                    "actie",
                    action.pk,
                    goal.pk,
                    goal.theme.name,
                    action.title,
                    action.description,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    action.owner,
                    action.start_date,  # a date: YYYY-MM-DD in the CSV, a date in Excel
                    action.due_date,
                    action.status,
                    action.progress,
                    ", ".join(group.name for group in action.product_groups.all()),
                    action.ambition_level,
                    action.steering_level,
                ]
            )
    return rows


def export_response(goals, *, filename: str):
    return csv_response(export_rows(goals), filename=filename, delimiter=";", byte_order_mark=True)


@dataclass
class ImportRow:
    line: int
    action_id: int | None = None
    status: str = ""
    progress: int | None = None
    action: Action | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        if self.action is None or self.errors:
            return False
        new_progress = effective_progress(self.status, self.progress)
        return self.action.status != self.status or self.action.progress != new_progress

    @property
    def status_label(self) -> str:
        return dict(ActionStatus.choices).get(self.status, self.status)

    def as_update(self) -> dict:
        return {"id": self.action_id, "status": self.status, "progress": self.progress}


@dataclass
class ImportResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and all(not row.errors for row in self.rows)

    @property
    def changed_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.changes]


def _looks_like_formula(cell: str) -> bool:
    return cell.startswith(FORMULA_STARTS) and not NUMBER.match(cell)


def read_import(raw: bytes, *, plan) -> ImportResult:
    """Check every row of an uploaded CSV against the plan; nothing is saved here."""
    result = ImportResult()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(_("The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again."))
        return result
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [column.strip().lower() for column in next(reader)]
    except StopIteration:
        result.errors.append(_("The file is empty."))
        return result
    except csv.Error:
        result.errors.append(_("The file is not a readable CSV file."))
        return result
    missing = [column for column in IMPORT_REQUIRED if column not in header]
    unknown = [column for column in header if column not in COLUMNS]
    if missing or unknown or len(set(header)) != len(header):
        result.errors.append(
            _("The columns do not match. Required: %(required)s. Allowed besides: the columns of the export.")
            % {"required": ", ".join(IMPORT_REQUIRED)}
        )
        if missing:
            result.errors.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        if unknown:
            result.errors.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
        return result
    actions = {action.pk: action for action in Action.objects.filter(goal__plan=plan)}
    seen = set()
    try:
        for line_number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                result.rows.append(ImportRow(line=line_number, errors=[_("This row has a different number of cells.")]))
                continue
            values = dict(zip(header, (cell.strip() for cell in cells), strict=True))
            if values.get("soort", "actie") == "doel":
                continue
            row = ImportRow(line=line_number)
            if any(_looks_like_formula(cell.strip()) for cell in cells):
                row.errors.append(_("A cell contains a formula; formulas are not accepted."))
            try:
                row.action_id = int(values["id"])
            except ValueError:
                row.errors.append(_("The id is not a number."))
            else:
                row.action = actions.get(row.action_id)
                if row.action is None:
                    row.errors.append(_("There is no action with this id in this plan."))
                elif row.action_id in seen:
                    row.errors.append(_("This action appears more than once."))
                seen.add(row.action_id)
            row.status = values["status"].lower()
            if row.status not in ActionStatus.values:
                row.errors.append(
                    _("Unknown status. Use one of: %(statuses)s.") % {"statuses": ", ".join(ActionStatus.values)}
                )
            try:
                row.progress = int(values["voortgang"].rstrip("%").strip())
            except ValueError:
                row.errors.append(_("The progress is not a whole number."))
            else:
                if not 0 <= row.progress <= 100:
                    row.errors.append(_("The progress must lie between 0 and 100."))
            result.rows.append(row)
    except csv.Error:
        result.errors.append(_("The file is not a readable CSV file."))
    if not result.rows and not result.errors:
        result.errors.append(_("The file has no action rows."))
    return result
