"""Peer comparison: how a plan compares with the published plans of similar organisations.

Similar means the same tier; for municipalities also the same province or the same population band.
Only published plans of other organisations count, so nothing of anyone's draft ever shows. A joint plan
counts for each of its owners: it is a peer when any owner is similar, and never a peer of its own owners.
"""

from django.db.models import Count, Q

from actionplans.models import ActionPlan, ActionStatus, progress_aggregates
from manifest.models import Organisation, OrganisationKind

POPULATION_BANDS = [0, 20_000, 50_000, 100_000, 250_000]
MAX_PEERS = 12


def population_band(population: int | None) -> tuple[int, int | None] | None:
    """(lower bound, upper bound or None) of the band a population falls in, or None when unknown."""
    if population is None:
        return None
    for lower, upper in zip(POPULATION_BANDS, [*POPULATION_BANDS[1:], None], strict=True):
        if upper is None or population < upper:
            return lower, upper
    return None  # pragma: no cover - the last band has no upper bound


def similar_organisations(organisation):
    """Other organisations of the same tier; for a municipality also in the same province or population band."""
    similar_ones = Organisation.objects.filter(kind=organisation.kind).exclude(pk=organisation.pk)
    if organisation.kind == OrganisationKind.MUNICIPALITY:
        similar = Q(province_id=organisation.province_id) if organisation.province_id else Q(pk=None)
        band = population_band(organisation.population)
        if band is not None:
            lower, upper = band
            in_band = Q(population__gte=lower)
            if upper is not None:
                in_band &= Q(population__lt=upper)
            similar |= in_band
        similar_ones = similar_ones.filter(similar)
    return similar_ones


def similar_published_plans(organisation):
    """Published plans owned (as lead or accepted co-owner, `ActionPlan.objects.owned_by_any`) by a similar
    organisation, each once, leaving out every plan the organisation owns itself."""
    return (
        ActionPlan.objects.published()
        .owned_by_any(similar_organisations(organisation))
        .exclude(pk__in=ActionPlan.objects.owned_by(organisation).values("pk"))
        .select_related("organisation")
    )


def with_figures(plans):
    progress = progress_aggregates("goals__actions__")
    return plans.annotate(
        theme_count=Count("goals__theme", distinct=True),
        goal_count=Count("goals", distinct=True),
        counting_actions=progress["counting_count"],
        done_actions=progress["done_count"],
    )


def _share(done: int, counting: int) -> int | None:
    return round(done * 100 / counting) if counting else None


def peer_comparison(plan, *, themes: list[dict]) -> dict:
    """The plan's own figures beside those of up to MAX_PEERS published plans of similar organisations (2 queries)."""
    peers = list(
        with_figures(similar_published_plans(plan.organisation)).order_by("organisation__name", "-start_year")[
            :MAX_PEERS
        ]
    )
    for peer in peers:
        peer.done_share = _share(peer.done_actions, peer.counting_actions)
    actions = [action for group in themes for goal in group["goals"] for action in goal.actions.all()]
    counting = [action for action in actions if action.counts_towards_progress]
    own = {
        "theme_count": len(themes),
        "goal_count": sum(len(group["goals"]) for group in themes),
        "done_share": _share(sum(a.status == ActionStatus.DONE for a in counting), len(counting)),
    }
    shares = [peer.done_share for peer in peers if peer.done_share is not None]
    average = {
        "theme_count": round(sum(p.theme_count for p in peers) / len(peers), 1) if peers else None,
        "goal_count": round(sum(p.goal_count for p in peers) / len(peers), 1) if peers else None,
        "done_share": round(sum(shares) / len(shares)) if shares else None,
    }
    return {"own": own, "peers": peers, "average": average}
