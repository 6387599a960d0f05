from django import template

from manifest.ladder import stage_label
from manifest.models import ManifestEdition

register = template.Library()


@register.simple_tag
def edition_to_sign(signatures):
    """The current edition when it is open and none of these signatures is live for it; otherwise None."""
    edition = ManifestEdition.objects.current()
    if edition is None or not edition.is_open():
        return None
    if any(s.is_live and s.edition_id == edition.pk for s in signatures):
        return None
    return edition


@register.inclusion_tag("manifest/includes/stage.html")
def signatory_stage(signature):
    """Where a signatory stands on the ladder (manifest/ladder.py), if the page computed it."""
    stage = getattr(signature, "stage", None)
    return {
        "stage": stage,
        "label": stage_label(stage, getattr(signature, "stage_year", None)),
        "behind_schedule": getattr(signature, "behind_schedule", False),
        "extended_until": getattr(signature, "extended_until", None),
    }
