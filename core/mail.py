"""Every e-mail the portal sends is written in its recipient's language and sent by `send_templated_mail`.

A person with an account gets their preferred language (`accounts.User.preferred_language`, set at sign-up
and changed under "Mijn omgeving"). An address without an account, such as a signature's contact person
or the VNG's shared inbox, gets Dutch, the portal's first language. allauth's own e-mails follow the same
rule through the account adapter, with `recipient_language`.
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.text import format_lazy


def supported_language(code: str | None) -> str:
    """One of settings.LANGUAGES for a language code such as "en-gb"; Dutch for anything else."""
    try:
        return translation.get_supported_language_variant(code or "")
    except LookupError:
        return settings.LANGUAGE_CODE


def language_of(user) -> str:
    return supported_language(getattr(user, "preferred_language", None))


def recipient_language(email: str, *, default: str | None = None) -> str:
    """The language to write to `email` in: its account's preference, otherwise `default` (Dutch if none)."""
    user = get_user_model().objects.filter(email__iexact=email).only("preferred_language").first()
    return language_of(user) if user is not None else supported_language(default)


def absolute_url(viewname: str, *args, **kwargs):
    """The full address of a page, lazily: rendered in a mail, it carries the recipient's language prefix."""
    return format_lazy("{}{}", settings.SITE_URL, reverse_lazy(viewname, args=args or None, kwargs=kwargs or None))


def _addresses(recipients: list) -> list[str]:
    """Each recipient's address once, in the order given."""
    seen, addresses = set(), []
    for recipient in recipients:
        address = recipient if isinstance(recipient, str) else getattr(recipient, "email", "")
        if address and address.lower() not in seen:
            seen.add(address.lower())
            addresses.append(address)
    return addresses


def _by_language(recipients: list) -> dict[str, list[str]]:
    """Recipients (users or addresses) grouped by the language they read, looking up accounts in one query."""
    users = {r.email.lower(): r for r in recipients if not isinstance(r, str) and getattr(r, "email", "")}
    unknown = {r.lower() for r in recipients if isinstance(r, str)} - set(users)
    if unknown:
        for user in get_user_model().objects.filter(email__in=unknown).only("email", "preferred_language"):
            users[user.email.lower()] = user
    groups: dict[str, list[str]] = {}
    for address in _addresses(recipients):
        user = users.get(address.lower())
        language = language_of(user) if user is not None else settings.LANGUAGE_CODE
        groups.setdefault(language, []).append(address)
    return groups


def render_mail(*, template_prefix: str, context: dict, language: str) -> tuple[str, str]:
    """Subject (one line, with the portal's prefix) and body of `{template_prefix}_subject/_body.txt`."""
    context = {"site_url": settings.SITE_URL, "contact_email": settings.VNG_CONTACT_EMAIL, **context}
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        body = render_to_string(f"{template_prefix}_body.txt", context)
    return settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()), body


def send_templated_mail(
    *,
    to: Iterable,
    template_prefix: str,
    context: dict,
    language: str | None = None,
    reply_to: list[str] | None = None,
) -> int:
    """Send `{template_prefix}_subject.txt` and `_body.txt` to users and addresses, each in their language.

    `to` holds users and e-mail addresses; an address of an account counts as that account's person.
    Recipients who share a language receive one message together. `language` writes to everybody in
    that one language (mail for VNG staff is Dutch). Returns the number of messages sent; errors of the
    mail server reach the caller.
    """
    recipients = list(to)
    groups = {supported_language(language): _addresses(recipients)} if language else _by_language(recipients)
    sent = 0
    for group_language, addresses in groups.items():
        if not addresses:
            continue
        subject, body = render_mail(template_prefix=template_prefix, context=context, language=group_language)
        EmailMessage(
            subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=addresses, reply_to=reply_to
        ).send()
        sent += 1
    return sent
