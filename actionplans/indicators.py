"""Common indicators: the starting set from actionplans/content/common_indicators.toml, and the rules for
a value reported on a goal's indicator.

A value is typed as a person writes it: "12,5" (Dutch) or "12.5"; "1.250,5" with a point between
thousands. A share in percent lies between 0 and 100; the amounts of a common indicator (tonnes, FTE,
euro, a number of contracts) cannot be negative. A goal's own indicator in another unit may go below
zero (a change, a balance), as it could before common indicators existed.
"""

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.content_files import ContentFileError, read_toml, require

CONTENT_FILE = Path(__file__).resolve().parent / "content" / "common_indicators.toml"
INDICATOR_KEYS = [
    "code",
    "theme",
    "name",
    "name_en",
    "definition",
    "definition_en",
    "measurement",
    "measurement_en",
    "unit",
    "direction",
    "aggregation",
]
MAX_VALUE = Decimal("999999999999.99")  # what fits the reports' decimal fields (14 digits, 2 decimals)


# --- the starting set -------------------------------------------------------------------------------


def starting_set() -> list[dict]:
    """The indicators of the content file, in the order the portal shows them per theme."""
    records = read_toml(CONTENT_FILE).get("indicator", [])
    for position, record in enumerate(records, start=1):
        require(record, INDICATOR_KEYS, path=CONTENT_FILE, where=f"indicator {record.get('code', position)}")
    return records


@transaction.atomic
def load_common_indicators(*, dry_run: bool = False) -> list[str]:
    """Create the indicators of the starting set that are missing; never change one that exists.

    Idempotent, so VNG staff's edits in the admin survive. Returns the codes it created (or would create).
    """
    from actionplans.models import CommonIndicator
    from actionplans.services import common_indicator_save
    from guidance.models import Theme

    themes = {theme.slug: theme for theme in Theme.objects.all()}
    existing = set(CommonIndicator.objects.values_list("code", flat=True))
    created = []
    for order, record in enumerate(starting_set(), start=1):
        if record["code"] in existing:
            continue
        if record["theme"] not in themes:
            raise ContentFileError(f"{CONTENT_FILE}: indicator {record['code']}: no theme {record['theme']!r}")
        created.append(record["code"])
        if dry_run:
            continue
        fields = {key: record[key] for key in INDICATOR_KEYS if key != "theme"}
        common_indicator_save(indicator=CommonIndicator(theme=themes[record["theme"]], order=order, **fields))
    return created


# --- reported values --------------------------------------------------------------------------------

_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def parse_number(text: str) -> Decimal:
    """A number as a Dutch or English speaker types it; raises ValueError when it is not one."""
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")  # 1.250,5: points between thousands
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    if not _NUMBER.fullmatch(text):
        raise ValueError(text)
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise ValueError(text) from error


def check_value(value: Decimal, *, unit: str, common: bool) -> None:
    """Raise ValidationError when `value` cannot be a value of an indicator in `unit`."""
    from actionplans.models import PERCENT

    if unit == PERCENT and not 0 <= value <= 100:
        raise ValidationError(_("A percentage lies between 0 and 100."), code="percentage")
    if common and value < 0:
        raise ValidationError(_("This indicator counts an amount, which cannot be negative."), code="negative")
    if abs(value) > MAX_VALUE:
        raise ValidationError(_("This number is too large."), code="too_large")
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(_("Use at most two decimals."), code="decimals")


class IndicatorValueField(forms.Field):
    """A measured value in the unit of the goal's indicator, typed with a decimal comma or point."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "maxlength": 30})

    def __init__(self, *, unit: str, common: bool, **kwargs):
        self.unit = unit
        self.common = common
        super().__init__(**kwargs)

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        try:
            number = parse_number(text)
        except ValueError:
            if self.unit and re.search(r"\d", text):
                raise ValidationError(
                    _("Enter only the number, without the unit (%(unit)s), for example 12,5.") % {"unit": self.unit},
                    code="unit",
                ) from None
            raise ValidationError(_("Enter a number, for example 12,5."), code="invalid") from None
        check_value(number, unit=self.unit, common=self.common)
        return number


def _as_typed(text: str) -> str:
    """Stored decimal text as a Dutch reader types it: a comma before the decimals."""
    return text.replace(".", ",") if (get_language() or "nl").startswith("nl") else text


def indicator_value_field(goal: dict, year: int) -> IndicatorValueField:
    """The report form's field for the value of `goal` (a goal of the report's content) in `year`."""
    unit = goal.get("unit") or ""
    common = bool(goal.get("common_indicator"))
    if unit:
        label = _("Measured value in %(year)s (%(unit)s)") % {"year": year, "unit": unit}
    else:
        label = _("Measured value in %(year)s") % {"year": year}
    if common and unit == "%":
        help_text = _("A percentage from 0 to 100, for example 12,5. Leave empty when it was not measured.")
    elif common:
        help_text = _("A number of zero or more, for example 12,5. Leave empty when it was not measured.")
    else:
        help_text = _("A number, for example 12,5. Leave empty when it was not measured.")
    measured = goal.get("measured_value")
    return IndicatorValueField(
        unit=unit,
        common=common,
        label=label,
        required=False,
        initial=None if measured is None else _as_typed(str(measured)),
        help_text=help_text,
    )
