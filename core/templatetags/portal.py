from django import template
from django.forms import CheckboxInput, CheckboxSelectMultiple, RadioSelect, Select, SelectMultiple, Textarea

register = template.Library()


def _widget_classes(field) -> str:
    """NL Design System classes for a form field's widget."""
    widget = field.field.widget
    invalid = bool(field.errors)
    if isinstance(widget, CheckboxInput):
        return "utrecht-checkbox utrecht-checkbox--html-input"
    if isinstance(widget, RadioSelect):
        return "utrecht-radio-button utrecht-radio-button--html-input"
    if isinstance(widget, CheckboxSelectMultiple):
        return "utrecht-checkbox utrecht-checkbox--html-input"
    if isinstance(widget, Select | SelectMultiple):
        return "utrecht-select utrecht-select--html-select" + (" utrecht-select--invalid" if invalid else "")
    if isinstance(widget, Textarea):
        return "utrecht-textarea utrecht-textarea--html-textarea" + (" utrecht-textarea--invalid" if invalid else "")
    return "utrecht-textbox utrecht-textbox--html-input" + (" utrecht-textbox--invalid" if invalid else "")


@register.simple_tag
def nlds_widget(field):
    existing = field.field.widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{_widget_classes(field)} {existing}".strip()})


@register.filter
def is_checkbox(field) -> bool:
    return isinstance(field.field.widget, CheckboxInput)


@register.filter
def percentage_step(value) -> int:
    """Round a percentage to the nearest 5 for the bar classes (.mvoi-bar__fill--N)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0
    return int(max(0, min(100, round(number / 5) * 5)))
