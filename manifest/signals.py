"""Connects allauth's e-mail confirmation to automatic membership verification."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from manifest.services import memberships_verify_by_email_domain


@receiver(email_confirmed)
def verify_memberships_for_confirmed_email(request, email_address, **kwargs):
    memberships_verify_by_email_domain(user=email_address.user, email=email_address.email)
