"""Browser test helpers: axe-core checks, a watch for CSP violations and script errors, and the steps every
newcomer walks (signing up, signing the manifest, asking for and granting the coordinator role)."""

import re
from pathlib import Path

from playwright.sync_api import expect

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class BrowserWatch:
    def __init__(self, page, axe_source: Path):
        self.page = page
        self.axe_source = axe_source.read_text()
        self.loaded: list[str] = []
        self.checked: set[str] = set()
        self.problems: list[str] = []
        page.on("load", lambda p: self.loaded.append(p.url))
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))

    def _on_console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.problems.append(f"CSP violation on {self.page.url}: {text}")

    def assert_clean(self):
        unchecked = [url for url in dict.fromkeys(self.loaded) if url not in self.checked]
        assert not self.problems, "\n".join(self.problems)
        assert not unchecked, f"pages loaded but never checked with axe: {unchecked}"


def check_accessibility(page, context: str = "") -> None:
    """Run axe-core (WCAG 2.1 A and AA) on the current page and fail on any violation.

    axe is evaluated through the DevTools protocol, which the page's CSP does not restrict,
    so the strict policy stays exactly as users get it.
    """
    watch: BrowserWatch = page.axe_watch
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(watch.axe_source)
    result = page.evaluate(
        # preload off: axe would otherwise inject inline <style> to read @import-ed CSS (the admin's), which
        # the CSP rightly blocks; the check itself needs no preloaded assets.
        "async (tags) => await window.axe.run(document, {runOnly: {type: 'tag', values: tags}, preload: false})",
        WCAG_TAGS,
    )
    violations = result["violations"]
    watch.checked.add(page.url)
    if violations:
        lines = [f"axe found {len(violations)} violation(s) on {page.url} {context}".rstrip()]
        for violation in violations:
            targets = [node["target"] for node in violation["nodes"]][:5]
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
        raise AssertionError("\n".join(lines))


def log_in(page, live_server, user) -> None:
    """Give the browser a logged-in session for `user` without walking the login form.

    The login form itself is walked in tests/accounts; other journeys start logged in.
    """
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session_cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session_cookie.value, "url": live_server.url}]
    )


def log_in_to_admin(page, live_server, user, password=None) -> None:
    """Walk the real login, two-factor step included, into the admin as VNG staff member `user`.

    Gives `user` an authenticator app with the known test secret when it has none. Every page on
    the way is checked with axe. allauth accepts each code once: log the same user in at most once
    per 30 seconds.
    """
    from allauth.mfa.models import Authenticator

    from tests.factories import TEST_PASSWORD, give_totp_authenticator, totp_code

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        give_totp_authenticator(user)
    page.goto(live_server.url + "/admin/")
    check_accessibility(page, "(admin login)")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord", exact=True).fill(password or TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    check_accessibility(page, "(two-factor step)")
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server.url + "/admin/")
    check_accessibility(page, "(admin index)")


# --- journeys from an empty account: the steps every newcomer walks ------------------------------------


def heading(page):
    return page.locator("h1")


def main_text(page) -> str:
    return page.locator("main").inner_text()


def next_step(page, box: str, link: str) -> None:
    """Follow the link in a page's "next step" box."""
    page.get_by_role("region", name=box).get_by_role("link", name=link).click()


def links_in(message, live_server) -> list[str]:
    """The portal's links in an e-mail, which the live server must answer."""
    from django.conf import settings

    links = re.findall(r"https?://\S+", message.body)
    assert links, message.body
    return [link.replace(settings.SITE_URL, live_server.url, 1) for link in links]


def watched_page(browser):
    """A page in a browser context of its own (another person), watched like the `page` fixture's.

    Close it with `page.context.close()` after `page.axe_watch.assert_clean()`.
    """
    from tests.conftest import AXE_SOURCE

    page = browser.new_context(locale="nl-NL").new_page()
    page.axe_watch = BrowserWatch(page, AXE_SOURCE)
    return page


def sign_up(page, live_server, mailoutbox, *, email: str, organisation: str) -> None:
    """Create an account through the real sign-up form and confirm the address with the link in the e-mail.

    Ends on "My portal", a member of `organisation` by the e-mail domain. Every page is checked with axe.
    """
    from tests.factories import TEST_PASSWORD

    page.goto(live_server.url + "/")
    check_accessibility(page)
    page.get_by_role("link", name="Inloggen").first.click()
    expect(heading(page)).to_have_text("Inloggen")
    check_accessibility(page)
    page.get_by_role("link", name="Account aanmaken").click()
    expect(heading(page)).to_have_text("Account aanmaken")
    check_accessibility(page)
    sent_before = len(mailoutbox)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(TEST_PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()
    expect(heading(page)).to_have_text("Kijk in uw e-mail")
    check_accessibility(page)

    [confirmation] = mailoutbox[sent_before:]
    assert confirmation.to == [email]
    page.goto(links_in(confirmation, live_server)[0])
    expect(heading(page)).to_have_text("Bevestig uw e-mailadres")
    check_accessibility(page)
    page.get_by_role("button", name="Bevestigen").click()
    expect(heading(page)).to_have_text("Mijn omgeving")
    expect(page.get_by_text(f"Uw e-mailadres hoort bij {organisation}: u bent nu lid.")).to_be_visible()
    expect(page.get_by_role("heading", name=re_start(organisation))).to_contain_text("Lid")
    check_accessibility(page)


def re_start(text: str):
    """A pattern for a name that starts with `text` (a heading with a badge after the name)."""
    return re.compile("^" + re.escape(text))


def sign_manifest(
    page,
    *,
    organisation: str,
    email: str,
    signer: str,
    signer_role: str,
    decided_on: str,
    contact_name: str = "Ilse Inkoper",
) -> None:
    """From "My portal", sign the manifest for `organisation` through the signing steps.

    Ends on "Signature received"; `email` is the signed-in officer, offered as the contact person.
    """
    page.get_by_role("link", name=f"Onderteken het manifest voor {organisation}").click()
    expect(heading(page)).to_have_text(re.compile("Manifest"))
    check_accessibility(page)
    expect(page.get_by_label(organisation)).to_be_checked()
    page.get_by_role("button", name="Volgende").click()
    check_accessibility(page)
    page.get_by_label("Naam van de bestuurder die tekent").fill(signer)
    page.get_by_label("Functie of portefeuille").fill(signer_role)
    page.get_by_label("Datum van het besluit van het college om te tekenen").fill(decided_on)
    page.get_by_role("button", name="Volgende").click()
    check_accessibility(page)
    expect(page.get_by_label("E-mailadres van de contactpersoon")).to_have_value(email)
    page.get_by_label("Naam van de contactpersoon").fill(contact_name)
    page.get_by_role("button", name="Volgende").click()
    check_accessibility(page)
    expect(page.locator("main")).to_contain_text(signer)
    page.get_by_label("De bestuurder is bevoegd").check()
    page.get_by_label("De organisatie gaat ermee akkoord").check()
    page.get_by_role("button", name="Manifest ondertekenen").click()
    expect(heading(page)).to_have_text("Ondertekening ontvangen")
    check_accessibility(page)


def approve_signatures_in_admin(admin, live_server, *organisations: str) -> None:
    """VNG staff, logged in to the admin, approve the signatures of `organisations` with the admin action."""
    admin.goto(live_server.url + "/admin/manifest/signature/")
    check_accessibility(admin)
    rows = admin.locator("#result_list").get_by_role("row")
    for organisation in organisations:
        rows.filter(has_text=organisation).locator('input[name="_selected_action"]').check()
    admin.locator('select[name="action"]').select_option("approve_selected")
    admin.locator('button[name="index"]').click()
    check_accessibility(admin)
    if len(organisations) > 1:  # more than one at a time: the admin asks first, naming each signature
        expect(admin.locator("main")).to_contain_text(f"deze {len(organisations)} ondertekeningen goed te keuren")
        admin.get_by_role("button", name="Ja, goedkeuren").click()
        check_accessibility(admin)
    expect(admin.locator(".messagelist")).to_contain_text(f"{len(organisations)} ondertekening(en) goedgekeurd.")


def ask_for_coordinator_role(page, *, organisation: str, reason: str) -> None:
    """From "My portal", ask VNG staff for the coordinator role of `organisation`."""
    page.get_by_role("link", name=f"Vraag de rol van coördinator aan voor {organisation}").click()
    expect(heading(page)).to_have_text("Rol van coördinator aanvragen")
    check_accessibility(page)
    page.get_by_label("Waarom hebt u de rol van coördinator nodig?").fill(reason)
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(heading(page)).to_have_text(f"Leden van {organisation}")
    expect(page.locator("main")).to_contain_text("rol van coördinator aangevraagd")
    check_accessibility(page)


def grant_coordinator_role_in_admin(admin, live_server, *, organisation: str) -> None:
    """VNG staff, logged in to the admin, open the waiting request for `organisation` and grant it."""
    admin.goto(live_server.url + "/admin/manifest/coordinatorrequest/")
    check_accessibility(admin)
    admin.locator("#result_list tbody").get_by_role("row").filter(has_text=organisation).get_by_role(
        "link"
    ).first.click()
    check_accessibility(admin)
    admin.get_by_role("button", name="Coördinator maken, zoals gevraagd").click()
    check_accessibility(admin)
    expect(admin.locator(".messagelist")).to_contain_text("1 besluit genomen.")
