from dataclasses import dataclass

from django.contrib.auth import get_user_model

from manifest.models import Organisation

User = get_user_model()


@dataclass
class People:
    """The named people every permission test walks through."""

    anonymous: None
    member_a: User
    coordinator_a: User
    member_b: User
    staff: User
    organisation_a: Organisation
    organisation_b: Organisation
