from django import template

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
