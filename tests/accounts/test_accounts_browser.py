"""The account journeys walked in Chromium, with axe on every page."""

import re

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from tests.browser import log_in, log_in_to_admin
from tests.factories import TEST_PASSWORD, UserFactory, give_totp_authenticator, totp_code

User = get_user_model()
NEW_PASSWORD = "Fietsenstalling-bij-het-station-7"


def link_in(message, live_server) -> str:
    url = re.search(r"https?://\S+", message.body).group(0)
    assert url.startswith(live_server.url), url
    return url


def fill_login(page, email, password):
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Inloggen").click()


def heading(page) -> str:
    return page.locator("h1").inner_text()


def test_sign_up_confirm_by_email_link_and_arrive_logged_in_at_my_portal(page, live_server, axe, mailoutbox):
    page.goto(live_server.url + "/")
    axe(page)
    page.get_by_role("link", name="Inloggen").click()
    axe(page)
    page.get_by_role("link", name="Account aanmaken").click()
    axe(page)
    assert heading(page) == "Account aanmaken"

    page.get_by_label("E-mailadres").fill("inkoper@utrecht.nl")
    page.get_by_label("Wachtwoord", exact=True).fill(TEST_PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill("something-else-entirely")
    page.get_by_role("button", name="Account aanmaken").click()
    axe(page, "(sign-up errors)")
    assert page.get_by_role("alert").get_by_text("Je moet hetzelfde wachtwoord twee keer intoetsen.").is_visible()
    assert page.get_by_label("E-mailadres").input_value() == "inkoper@utrecht.nl"

    page.get_by_label("Wachtwoord", exact=True).fill(TEST_PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()
    axe(page)
    assert heading(page) == "Kijk in uw e-mail"

    assert [message.to for message in mailoutbox] == [["inkoper@utrecht.nl"]]
    page.goto(link_in(mailoutbox[0], live_server))
    axe(page)
    assert heading(page) == "Bevestig uw e-mailadres"
    page.get_by_role("button", name="Bevestigen").click()
    axe(page)
    assert page.url == live_server.url + "/mijn-omgeving/"
    assert heading(page) == "Mijn omgeving"
    assert page.get_by_text("U bent ingelogd als inkoper@utrecht.nl.").first.is_visible()
    assert EmailAddress.objects.get(email="inkoper@utrecht.nl").verified

    # The portal's e-mails come in Dutch, the language of the sign-up; English is one choice away.
    page.get_by_role("link", name="Taal van e-mails van het portaal").click()
    assert heading(page) == "Accountinstellingen"
    axe(page)
    assert page.get_by_label("Nederlands").is_checked()
    page.get_by_label("Engels").check()
    page.get_by_role("button", name="Instellingen opslaan").click()
    axe(page)
    assert page.get_by_text("Uw instellingen zijn opgeslagen.").is_visible()
    assert User.objects.get(email="inkoper@utrecht.nl").preferred_language == "en"


def test_log_out_and_log_in_again(page, live_server, axe):
    UserFactory(email="inkoper@utrecht.nl")
    page.goto(live_server.url + "/account/login/")
    axe(page)
    fill_login(page, "inkoper@utrecht.nl", "wrong-password-here")
    axe(page, "(wrong password)")
    assert page.get_by_role("alert").get_by_text("Het e-mailadres of het wachtwoord klopt niet.").is_visible()

    fill_login(page, "inkoper@utrecht.nl", TEST_PASSWORD)
    axe(page)
    assert heading(page) == "Mijn omgeving"

    page.get_by_role("button", name="Uitloggen").click()
    axe(page)
    assert page.get_by_text("U bent uitgelogd.").is_visible()
    assert page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Inloggen").is_visible()

    page.goto(live_server.url + "/mijn-omgeving/")
    axe(page)
    assert heading(page) == "Inloggen"
    fill_login(page, "inkoper@utrecht.nl", TEST_PASSWORD)
    axe(page)
    assert page.url == live_server.url + "/mijn-omgeving/"


def test_login_page_in_english(page, live_server, axe):
    UserFactory(email="buyer@utrecht.nl")
    page.goto(live_server.url + "/account/login/")
    axe(page)
    page.get_by_role("link", name="English").click()
    axe(page)
    assert page.url == live_server.url + "/en/account/login/"
    assert heading(page) == "Log in"
    page.get_by_role("link", name="Create an account").click()
    axe(page)
    assert heading(page) == "Create an account"
    page.goto(live_server.url + "/en/account/password/reset/")
    axe(page)
    assert heading(page) == "Forgot your password?"
    page.goto(live_server.url + "/en/account/login/")
    axe(page)
    page.get_by_label("Email").fill("buyer@utrecht.nl")
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    axe(page)
    assert page.url == live_server.url + "/en/mijn-omgeving/"
    assert heading(page) == "My portal"


def test_password_reset_by_email_link_then_log_in_with_the_new_password(page, live_server, axe, mailoutbox):
    user = UserFactory(email="inkoper@utrecht.nl")
    page.goto(live_server.url + "/account/login/")
    axe(page)
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    axe(page)
    assert heading(page) == "Wachtwoord vergeten?"
    page.get_by_label("E-mailadres").fill("inkoper@utrecht.nl")
    page.get_by_role("button", name="Stuur mij een link").click()
    axe(page)
    assert heading(page) == "Kijk in uw e-mail"

    assert [message.to for message in mailoutbox] == [["inkoper@utrecht.nl"]]
    reset_link = link_in(mailoutbox[0], live_server)
    page.goto(reset_link)
    axe(page)
    assert heading(page) == "Kies een nieuw wachtwoord"
    page.get_by_label("Nieuw wachtwoord", exact=True).fill("kort")
    page.get_by_label("Nieuw wachtwoord (bevestigen)").fill("kort")
    page.get_by_role("button", name="Nieuw wachtwoord opslaan").click()
    axe(page, "(weak new password)")
    assert page.get_by_role("alert").get_by_text("Dit wachtwoord is te kort", exact=False).is_visible()

    page.get_by_label("Nieuw wachtwoord", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Nieuw wachtwoord (bevestigen)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Nieuw wachtwoord opslaan").click()
    axe(page)
    assert heading(page) == "Wachtwoord gewijzigd"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    # The link works once.
    page.goto(reset_link)
    axe(page)
    assert heading(page) == "Link niet meer geldig"

    page.goto(live_server.url + "/account/login/")
    axe(page)
    fill_login(page, "inkoper@utrecht.nl", TEST_PASSWORD)
    axe(page)
    assert page.get_by_role("alert").is_visible()
    fill_login(page, "inkoper@utrecht.nl", NEW_PASSWORD)
    axe(page)
    assert heading(page) == "Mijn omgeving"


def test_change_email_takes_effect_after_following_the_link(page, live_server, axe, mailoutbox):
    user = UserFactory(email="inkoper@utrecht.nl")
    log_in(page, live_server, user)
    page.goto(live_server.url + "/mijn-omgeving/")
    axe(page)
    page.get_by_role("link", name="E-mailadres wijzigen").click()
    axe(page)
    assert heading(page) == "E-mailadres wijzigen"

    page.get_by_label("Nieuw e-mailadres").fill("geen-adres")
    page.get_by_role("button", name="E-mailadres wijzigen").click()
    axe(page, "(malformed e-mail)")
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Nieuw e-mailadres").input_value() == "geen-adres"

    page.get_by_label("Nieuw e-mailadres").fill("inkoper@gemeente-utrecht.nl")
    page.get_by_role("button", name="E-mailadres wijzigen").click()
    axe(page)
    assert page.get_by_text("U hebt gevraagd het te wijzigen in").is_visible()
    user.refresh_from_db()
    assert user.email == "inkoper@utrecht.nl"

    message = next(m for m in mailoutbox if m.to == ["inkoper@gemeente-utrecht.nl"])
    page.goto(link_in(message, live_server))
    axe(page)
    page.get_by_role("button", name="Bevestigen").click()
    axe(page)
    user.refresh_from_db()
    assert user.email == "inkoper@gemeente-utrecht.nl"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "inkoper@gemeente-utrecht.nl"
    ]
    page.goto(live_server.url + "/mijn-omgeving/")
    axe(page)
    assert page.get_by_text("U bent ingelogd als inkoper@gemeente-utrecht.nl.").is_visible()


def test_set_up_two_factor_and_log_in_with_a_code(page, live_server, axe):
    user = UserFactory(email="inkoper@utrecht.nl")
    page.goto(live_server.url + "/account/login/")
    axe(page)
    fill_login(page, "inkoper@utrecht.nl", TEST_PASSWORD)
    axe(page)
    page.get_by_role("link", name="Tweestapsverificatie").click()
    axe(page)
    page.get_by_role("link", name="Authenticator-app instellen").click()
    axe(page, "(reauthenticate)")
    assert heading(page) == "Bevestig dat u het bent"
    page.get_by_label("Wachtwoord", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()
    axe(page)
    assert heading(page) == "Authenticator-app instellen"
    qr_code = page.get_by_role("img", name="QR-code om te scannen met uw authenticator-app")
    assert qr_code.get_attribute("src").startswith("data:image/svg+xml;base64,")
    assert qr_code.evaluate("img => img.complete && img.naturalWidth > 0")
    secret = page.locator("#authenticator-secret").inner_text()

    page.get_by_label("Code").fill("000000" if totp_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Activeren").click()
    axe(page, "(wrong code)")
    assert page.get_by_role("alert").is_visible()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Activeren").click()
    axe(page)
    assert heading(page) == "Herstelcodes"
    assert page.locator(".mvoi-recovery-codes li").count() == 10

    page.get_by_role("link", name="Klaar").click()
    axe(page)
    assert page.get_by_text("U logt in met een code uit uw authenticator-app.").is_visible()
    page.get_by_role("link", name="Nieuwe codes maken").click()
    axe(page)
    page.get_by_role("link", name="Annuleren").click()
    axe(page)
    page.get_by_role("link", name="Uitzetten").click()
    axe(page)
    assert heading(page) == "Authenticator-app uitzetten"
    page.get_by_role("link", name="Aan laten").click()
    axe(page)

    page.goto(live_server.url + "/mijn-omgeving/")
    axe(page)
    page.get_by_role("button", name="Uitloggen").click()
    axe(page)
    page.goto(live_server.url + "/account/login/")
    axe(page)
    fill_login(page, "inkoper@utrecht.nl", TEST_PASSWORD)
    axe(page)
    assert heading(page) == "Vul uw code in"
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Inloggen").click()
    axe(page)
    assert heading(page) == "Mijn omgeving"
    assert user.authenticator_set.count() == 2  # the app and the recovery codes


def test_staff_logs_in_to_the_admin_with_two_factor(page, live_server, axe, people):
    log_in_to_admin(page, live_server, people.staff)
    assert page.get_by_text("MVOI-portaal beheer").first.is_visible()


def test_pages_for_broken_links_and_logout_pass_axe(page, live_server, axe):
    for path, title in [
        ("/account/confirm-email/not-a-key/", "Bevestig uw e-mailadres"),
        ("/account/password/reset/key/1-not-a-key/", "Link niet meer geldig"),
        ("/account/password/reset/key/done/", "Wachtwoord gewijzigd"),
        ("/account/confirm-email/", "Kijk in uw e-mail"),
        ("/account/password/reset/done/", "Kijk in uw e-mail"),
        ("/account/inactive/", "Account uitgeschakeld"),
    ]:
        page.goto(live_server.url + path)
        axe(page, path)
        assert heading(page) == title
    log_in(page, live_server, give_totp_authenticator(UserFactory()).user)
    for path, title in [
        ("/account/logout/", "Uitloggen"),
        ("/account/password/change/", "Wachtwoord wijzigen"),
        ("/account/2fa/", "Tweestapsverificatie"),
        ("/account/2fa/reauthenticate/", "Bevestig dat u het bent"),
        ("/account/reauthenticate/", "Bevestig dat u het bent"),
    ]:
        page.goto(live_server.url + path)
        axe(page, path)
        assert heading(page) == title
        assert page.locator("h1").count() == 1
