"""VNG editors in a real browser at 1280 px: the page editor fits, has a markdown toolbar and preview, and a
change to a live page can be scheduled while the public keeps the live version."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.formats import date_format

from accounts.services import EDITOR_GROUP_NAME
from guidance import services
from guidance.models import GuidancePage, PageStatus, Section
from tests.browser import BrowserWatch, log_in_to_admin
from tests.conftest import AXE_SOURCE
from tests.factories import TEST_PASSWORD, UserFactory, totp_code
from tests.users import log_in_with_two_factor


@pytest.fixture
def live_page(editor):
    return services.guidance_page_save(
        page=GuidancePage(
            title="Hoe begin ik met MVOI?",
            slug="hoe-begin-ik",
            summary="De eerste stappen.",
            body="## Eerste stap\n\nDe live tekst.",
            section=Section.objects.order_by("order").first(),
            status=PageStatus.PUBLISHED,
        ),
        editor=editor,
    )


def _open_at_1280(page, live_server, editor, url):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_to_admin(page, live_server, editor)
    page.goto(live_server.url + url)


def test_the_page_editor_fits_1280_pixels_with_a_markdown_toolbar_and_preview(
    page, live_server, editor, live_page, axe
):
    _open_at_1280(page, live_server, editor, f"/admin/guidance/guidancepage/{live_page.pk}/change/")
    page.locator(".EasyMDEContainer").first.wait_for()
    axe(page, "page change form with the markdown editor")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    toolbar = page.get_by_role("toolbar", name="Opmaak: Tekst")
    for name in ["Vet", "Cursief", "Kop", "Opsomming", "Link", "Tabel", "Voorbeeld"]:
        assert toolbar.get_by_role("button", name=name, exact=True).is_visible(), name
    page.get_by_role("checkbox", name="Klimaat", exact=True).check()

    page.locator(".EasyMDEContainer .CodeMirror").first.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\n## Tweede stap\n\nMet **vette** woorden.")
    toolbar.get_by_role("button", name="Voorbeeld", exact=True).click()
    preview = page.locator(".mvoi-md-preview").first
    preview.locator("h2", has_text="Tweede stap").wait_for()
    assert preview.locator("strong").inner_text() == "vette"
    axe(page, "preview shown")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    toolbar.get_by_role("button", name="Voorbeeld", exact=True).click()

    page.get_by_role("button", name="Opslaan", exact=True).click()
    axe(page, "list after saving")
    live_page.refresh_from_db()
    assert live_page.body.endswith("## Tweede stap\n\nMet **vette** woorden.")
    assert list(live_page.themes.values_list("slug", flat=True)) == ["klimaat"]


def test_themes_and_manifest_editions_get_the_editor_and_the_list_does_not(page, live_server, editor, axe):
    _open_at_1280(page, live_server, editor, "/admin/guidance/theme/")
    axe(page, "theme list")
    assert page.locator("script[src*='easymde']").count() == 0
    page.get_by_role("link", name="Klimaat", exact=True).click()
    page.locator(".EasyMDEContainer").first.wait_for()
    axe(page, "theme form")
    assert page.locator(".EasyMDEContainer").count() == 4
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.goto(live_server.url + "/admin/manifest/manifestedition/add/")
    page.locator(".EasyMDEContainer").first.wait_for()
    axe(page, "manifest edition form")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_without_javascript_the_editor_is_a_plain_textarea_that_saves(browser, live_server, editor, live_page):
    from django.conf import settings
    from django.test import Client

    client = Client()
    log_in_with_two_factor(client, editor)
    context = browser.new_context(java_script_enabled=False, locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    plain = context.new_page()
    watch = BrowserWatch(plain, AXE_SOURCE)
    plain.goto(f"{live_server.url}/admin/guidance/guidancepage/{live_page.pk}/change/")
    watch.checked.add(plain.url)  # axe needs JavaScript; the same form is checked with it above
    body = plain.get_by_label("Tekst:", exact=True)
    assert body.is_visible()
    body.fill("Zonder JavaScript bewerkt.")
    plain.get_by_role("button", name="Opslaan", exact=True).click()
    watch.checked.add(plain.url)
    live_page.refresh_from_db()
    assert live_page.body == "Zonder JavaScript bewerkt."
    watch.assert_clean()
    context.close()


def test_an_editor_schedules_a_change_and_the_public_keeps_the_live_version(
    page, live_server, editor, live_page, axe, browser
):
    _open_at_1280(page, live_server, editor, "/admin/guidance/guidancepage/")
    axe(page, "page list")
    page.get_by_role("link", name="Hoe begin ik met MVOI?").click()
    page.locator(".EasyMDEContainer").first.wait_for()
    axe(page, "live page in the editor")
    page.get_by_label("Titel:", exact=True).fill("Hoe begin ik met MVOI in 2027?")
    moment = timezone.localtime(timezone.now() + timedelta(days=7)).replace(hour=9, minute=0, second=0)
    page.locator("#id_publish_at_0").fill(moment.strftime("%d-%m-%Y"))
    page.locator("#id_publish_at_1").fill("09:00:00")
    page.get_by_role("button", name="Opslaan en opnieuw bewerken").click()
    axe(page, "saved: scheduled")
    when = f"{moment.day} {['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'][moment.month - 1]} {moment.year} 09:00"
    assert page.get_by_text(f"zijn ingepland: ze gaan live op {when}.").is_visible()
    assert page.get_by_role("heading", name=f"Wijziging gepland op {when}").is_visible()
    assert page.get_by_label("Titel:", exact=True).input_value() == "Hoe begin ik met MVOI?"  # the live version
    page.get_by_role("link", name="Kennisbankpagina's").first.click()
    axe(page, "page list with the scheduled change")
    assert page.get_by_text(f"Gepubliceerd; wijzigt op {when}").is_visible()

    visitor_context = browser.new_context(locale="nl-NL")
    visitor = visitor_context.new_page()
    visitor.axe_watch = BrowserWatch(visitor, AXE_SOURCE)
    visitor.goto(live_server.url + "/kennisbank/hoe-begin-ik/")
    axe(visitor, "public page for an anonymous visitor")
    assert visitor.locator("h1").inner_text() == "Hoe begin ik met MVOI?"
    assert visitor.get_by_text("De live tekst.").is_visible()
    visitor.axe_watch.assert_clean()
    visitor_context.close()


def test_a_new_editor_sets_up_two_factor_and_schedules_a_change_while_the_live_page_stays_online(
    page, live_server, live_page, axe, browser
):
    """From an account an administrator just made: staff, in the editors' group, no authenticator, no superuser."""
    newcomer = UserFactory(email="nieuwe.redacteur@vng.example", full_name="Noor Nieuw", is_staff=True)
    newcomer.groups.add(Group.objects.get(name=EDITOR_GROUP_NAME))
    page.set_viewport_size({"width": 1280, "height": 900})

    # The admin sends the newcomer to log in, then to set up an authenticator app before anything else.
    page.goto(live_server.url + "/admin/")
    axe(page, "login")
    page.get_by_label("E-mailadres").fill(newcomer.email)
    page.get_by_label("Wachtwoord", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    axe(page, "after the password")
    # allauth asks for the password once more before an authenticator is added, even right after logging in.
    assert page.locator("h1").inner_text() == "Bevestig dat u het bent"
    assert page.get_by_text(
        "Stel eerst tweestapsverificatie in: die is nodig voor uw taken als VNG-medewerker."
    ).is_visible()
    page.get_by_label("Wachtwoord", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()
    axe(page, "set up the authenticator app")
    assert page.locator("h1").inner_text() == "Authenticator-app instellen"
    secret = page.locator("#authenticator-secret").inner_text()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Activeren").click()
    axe(page, "recovery codes")
    assert page.locator("h1").inner_text() == "Herstelcodes"

    # Setting up the app was the second factor: the admin opens, with the knowledge base in it.
    page.goto(live_server.url + "/admin/")
    axe(page, "admin index")
    page.get_by_role("link", name="Kennisbankpagina's").first.click()
    axe(page, "page list")
    page.get_by_role("link", name="Hoe begin ik met MVOI?").click()
    page.locator(".EasyMDEContainer").first.wait_for()
    axe(page, "live page in the editor")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.get_by_label("Titel:", exact=True).fill("Hoe begin ik met MVOI in 2027?")
    moment = timezone.localtime(timezone.now() + timedelta(days=7)).replace(hour=9, minute=0, second=0, microsecond=0)
    page.locator("#id_publish_at_0").fill(moment.strftime("%d-%m-%Y"))
    page.locator("#id_publish_at_1").fill("09:00:00")
    page.get_by_role("button", name="Opslaan en opnieuw bewerken").click()
    axe(page, "saved: scheduled")
    when = date_format(moment, "j F Y H:i")
    assert page.get_by_text(f"zijn ingepland: ze gaan live op {when}.").is_visible()
    assert page.get_by_role("heading", name=f"Wijziging gepland op {when}").is_visible()
    assert page.get_by_label("Titel:", exact=True).input_value() == "Hoe begin ik met MVOI?"

    # The public still reads the live version, on its page and in the knowledge base.
    visitor_context = browser.new_context(locale="nl-NL")
    visitor = visitor_context.new_page()
    visitor.axe_watch = BrowserWatch(visitor, AXE_SOURCE)
    visitor.goto(live_server.url + "/kennisbank/")
    axe(visitor, "knowledge base")
    visitor.get_by_role("link", name="Hoe begin ik met MVOI?").click()
    axe(visitor, "the live page")
    assert visitor.locator("h1").inner_text() == "Hoe begin ik met MVOI?"
    assert visitor.get_by_text("De live tekst.").is_visible()
    visitor.axe_watch.assert_clean()
    visitor_context.close()

    live_page.refresh_from_db()
    assert (live_page.status, live_page.title, live_page.publish_at) == (
        PageStatus.PUBLISHED,
        "Hoe begin ik met MVOI?",
        None,
    )
    scheduled = live_page.revisions.scheduled().get()
    assert (scheduled.editor, scheduled.goes_live_at) == (newcomer, moment)
