"""Browser test helpers: axe-core checks and a watch for CSP violations and script errors."""

from pathlib import Path

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
