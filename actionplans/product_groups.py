"""Product groups of the national MVI criteria: the starter list, the choices of the plan builder, suggestions.

The starter list lives in actionplans/content/product_groups/productgroepen.csv (its SOURCES.md says where
the names come from and which are still to be checked). `load_product_groups()` creates the groups that
are missing and never changes one that exists, so what VNG staff complete or rename in the admin stays.
"""

import csv
from pathlib import Path

from django.db import transaction
from django.db.models import Count
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actionplans.cache import PRODUCT_GROUPS
from actionplans.models import Action, PlanStatus, ProductGroup

STARTER_LIST = Path(__file__).resolve().parent / "content" / "product_groups" / "productgroepen.csv"
CONFIRMED = "bevestigd"
SUGGESTION_COUNT = 5


def starter_list() -> list[dict]:
    """The rows of the starter list: cluster, name and whether the name is still to be checked."""
    with STARTER_LIST.open(encoding="utf-8", newline="") as handle:
        return [
            {"cluster": row["cluster"], "name": row["productgroep"], "to_check": row["status"] != CONFIRMED}
            for row in csv.DictReader(handle)
        ]


@transaction.atomic
def load_product_groups() -> int:
    """Create the groups of the starter list that are missing (by slug or name); return how many."""
    existing = ProductGroup.objects.values_list("slug", "name")
    slugs = {slug for slug, _name in existing}
    names = {name.casefold() for _slug, name in existing}
    created = 0
    for order, row in enumerate(starter_list(), start=1):
        slug = slugify(row["name"])
        if slug in slugs or row["name"].casefold() in names:
            continue
        ProductGroup.objects.create(slug=slug, order=order, **row)
        slugs.add(slug)
        created += 1
    if created:
        PRODUCT_GROUPS.changed()
    return created


def grouped_choices(groups) -> list[tuple[str, list[tuple[int, str]]]]:
    """(cluster, [(id, name), ...]) per cluster, for a grouped select or checkboxes by cluster."""
    clusters: dict[str, list[tuple[int, str]]] = {}
    for group in groups:
        clusters.setdefault(group.cluster or _("Other product groups"), []).append((group.pk, group.name))
    return list(clusters.items())


def suggestions_for_theme(theme_id: int, *, exclude_plan_id: int | None = None) -> list[dict]:
    """The product groups that actions of other published plans under this theme name most: one query.

    Each suggestion has the group's name and the number of published plans that name it.
    """
    actions = Action.objects.filter(goal__plan__status=PlanStatus.PUBLISHED, goal__theme_id=theme_id)
    if exclude_plan_id is not None:
        actions = actions.exclude(goal__plan_id=exclude_plan_id)
    rows = (
        ProductGroup.objects.filter(actions__in=actions)
        .annotate(plans=Count("actions__goal__plan", distinct=True))
        .order_by("-plans", "name")
        .values("name", "plans")[:SUGGESTION_COUNT]
    )
    return list(rows)
