def test_home_page_in_dutch_and_english_passes_axe(page, live_server, axe):
    page.goto(live_server.url + "/")
    axe(page)
    assert page.locator("h1").inner_text() == "Van manifest naar actieplan"
    page.get_by_role("link", name="English").click()
    axe(page)
    assert page.locator("h1").inner_text() == "From manifest to action plan"
    page.get_by_role("link", name="Nederlands").click()
    axe(page)
    assert page.url == live_server.url + "/"


def test_skip_link_moves_focus_to_the_main_content(page, live_server, axe):
    page.goto(live_server.url + "/privacy/")
    axe(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
