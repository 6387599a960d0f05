"""The plan as PDF and Word document: what an officer, a screen reader and the public get.

The PDF is read back with pypdf and the Word document with python-docx, as a reader's software would.
"""

import datetime
import io
import itertools
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from actionplans import services
from actionplans.documents import DOCUMENT_KINDS, stored_copy_key
from actionplans.models import PLAN_SECTIONS, ActionStatus, ProductGroup
from actionplans.pdf import ExternalResourceRefused, StaticFilesOnlyFetcher, html_to_pdf
from manifest import services as manifest_services
from tests.factories import ActionFactory, ActionPlanFactory, GoalFactory, UserFactory, theme

pytestmark = pytest.mark.django_db

SECTION_TEXT = """## Waarom wij dit doen

De gemeente koopt **maatschappelijk verantwoord** in.

- Draagvlak bij het college
- Criteria in elke aanbesteding
    - ook bij meervoudig onderhandse aanbestedingen

1. Eerst de spendanalyse
2. Dan de marktconsultatie
"""


def url(name, plan):
    return reverse(f"actionplans:{name}", args=[plan.uuid])


@pytest.fixture
def plan(people):
    """A plan of organisation A with goals in two themes; the goals' titles are not in alphabetical order."""
    plan = ActionPlanFactory(organisation=people.organisation_a, title="Actieplan MVOI Utrecht 2026–2029")
    plan.occasion = SECTION_TEXT
    plan.save()
    climate = GoalFactory(
        plan=plan,
        theme=theme("klimaat"),
        title="Zero-emissie bouwlogistiek",
        indicator="Aandeel emissievrije bouwplaatsen",
        unit="%",
        baseline_value=5,
        baseline_year=2025,
        target_value=80,
        target_year=2029,
        order=1,
    )
    GoalFactory(plan=plan, theme=theme("klimaat"), title="CO2-prestatieladder in aanbestedingen", order=2)
    social = GoalFactory(plan=plan, theme=theme("social-return"), title="Banen voor mensen met afstand", order=1)
    ActionFactory(
        goal=climate,
        title="Marktconsultatie bouwlogistiek",
        owner="Team Inkoop",
        start_date=datetime.date(2026, 2, 1),
        due_date=datetime.date(2026, 6, 30),
        status=ActionStatus.IN_PROGRESS,
        progress=40,
    )
    ActionFactory(goal=social, title="Social return in raamcontracten", owner="Contractmanagement")
    return plan


def goal_titles(plan) -> list[str]:
    """The goals in the order the plan shows them: by theme, then by the order the team gave them."""
    return list(plan.goals.order_by("theme__order", "order", "id").values_list("title", flat=True))


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def structure_tags(content: bytes) -> list[str]:
    """The structure tree's element types (H1, P, Table, ...) in reading order."""
    reader = PdfReader(io.BytesIO(content))
    tags = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                walk(kid)
        elif hasattr(node, "get") and node.get("/Type") in (None, "/StructElem", "/StructTreeRoot"):
            if "/S" in node:
                tags.append(str(node["/S"]).lstrip("/"))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return tags


def docx_paragraphs(content: bytes) -> list[tuple[str, str]]:
    return [(paragraph.style.name, paragraph.text) for paragraph in docx.Document(io.BytesIO(content)).paragraphs]


# --- the accessible PDF -------------------------------------------------------------------------


def test_pdf_is_tagged_with_the_plans_language_and_title(client, people, plan):
    client.force_login(people.member_a)
    response = client.get(url("plan_pdf", plan))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="actieplan-gm0344-2026-2029.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "nl"
    assert reader.metadata.title == "Actieplan MVOI Utrecht 2026–2029"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert "pdfuaid" in reader.xmp_metadata.stream.get_data().decode()  # it says it conforms to PDF/UA


def test_pdf_from_the_english_site_is_in_english(client, people, plan):
    client.force_login(people.member_a)
    content = client.get("/en" + url("plan_pdf", plan)).content
    assert PdfReader(io.BytesIO(content)).trailer["/Root"]["/Lang"] == "en"
    assert "Goals and actions per theme" in pdf_text(content)


def test_pdf_reads_the_goals_in_the_plans_order(client, people, plan):
    client.force_login(people.member_a)
    text = pdf_text(client.get(url("plan_pdf", plan)).content)
    positions = [text.index(title) for title in goal_titles(plan)]
    assert positions == sorted(positions)
    chapter = text[text.rindex("Doelen en acties per thema") :]  # the chapter, not its line in the contents
    assert chapter.index("Klimaat") < chapter.index("Zero-emissie bouwlogistiek") < chapter.index("Social return")
    assert chapter.index("Social return") < chapter.index("Banen voor mensen met afstand")
    assert "Marktconsultatie bouwlogistiek" in text
    assert "Team Inkoop" in text and "30 juni 2026" in text


def test_pdf_headings_nest_plan_chapter_theme_goal_action(client, people, plan):
    client.force_login(people.member_a)
    tags = structure_tags(client.get(url("plan_pdf", plan)).content)
    headings = [tag for tag in tags if tag in ("H1", "H2", "H3", "H4", "H5", "H6")]
    assert headings[0] == "H1" and headings.count("H1") == 1
    assert headings.count("H4") == plan.goals.count()  # one per goal, under its theme's H3
    assert headings.count("H5") == 2  # one per action
    # The section's own "## heading" sits below the section title, and no level is skipped.
    levels = [int(heading[1]) for heading in headings]
    assert all(level <= previous + 1 for previous, level in itertools.pairwise(levels))
    assert "TH" in tags  # the title page's facts are a table with header cells


def test_section_markdown_becomes_a_heading_a_list_and_bold_text_in_the_pdf(client, people, plan):
    client.force_login(people.member_a)
    content = client.get(url("plan_pdf", plan)).content
    text = pdf_text(content)
    assert "Waarom wij dit doen" in text and "Criteria in elke aanbesteding" in text
    assert "**" not in text and "## " not in text
    assert "L" in structure_tags(content) and "LI" in structure_tags(content)


# --- the Word document --------------------------------------------------------------------------


def test_docx_has_word_headings_and_the_goals_in_order(client, people, plan):
    client.force_login(people.member_a)
    response = client.get(url("plan_docx", plan))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == 'attachment; filename="actieplan-gm0344-2026-2029.docx"'
    paragraphs = docx_paragraphs(response.content)
    assert paragraphs[0] == ("Title", "Actieplan MVOI Utrecht 2026–2029")
    chapters = [text for style, text in paragraphs if style == "Heading 1"]
    assert chapters[0] == "Aanleiding en opdracht"
    assert "Doelen en acties per thema" in chapters and chapters[-1] == "Voortgang per thema"
    assert [text for style, text in paragraphs if style == "Heading 2" and text != "Waarom wij dit doen"] == [
        "Klimaat",
        "Social return",
    ]
    assert [text for style, text in paragraphs if style == "Heading 3"] == goal_titles(plan)
    document = docx.Document(io.BytesIO(response.content))
    assert document.core_properties.title == "Actieplan MVOI Utrecht 2026–2029"
    assert document.core_properties.language == "nl-NL"


def test_docx_turns_section_markdown_into_paragraphs_and_lists(client, people, plan):
    client.force_login(people.member_a)
    paragraphs = docx_paragraphs(client.get(url("plan_docx", plan)).content)
    assert ("Heading 2", "Waarom wij dit doen") in paragraphs
    assert ("Normal", "De gemeente koopt maatschappelijk verantwoord in.") in paragraphs
    assert ("List Bullet", "Draagvlak bij het college") in paragraphs
    assert ("List Bullet 2", "ook bij meervoudig onderhandse aanbestedingen") in paragraphs
    assert ("List Number", "Eerst de spendanalyse") in paragraphs
    assert not any("**" in text or text.startswith(("- ", "## ")) for _style, text in paragraphs)


def test_docx_keeps_tables_quotes_code_and_links_of_a_section(client, people, plan):
    plan.baseline = (
        "| Categorie | Uitgaven |\n|---|---|\n| ICT | € 1,2 mln |\n\n"
        "> Wat je meet, kun je sturen.\n\n"
        "Zie de [handreiking van PIANOo](https://www.pianoo.nl/) en `CO2-prestatieladder`.\n\n"
        "    regel een\n    regel twee\n\n"
        "---\n\n"
        "3. derde\n4. vierde\n"
    )
    plan.save()
    client.force_login(people.member_a)
    document = docx.Document(io.BytesIO(client.get(url("plan_docx", plan)).content))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Categorie", "Uitgaven"] in rows and ["ICT", "€ 1,2 mln"] in rows
    paragraphs = [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]
    assert ("Quote", "Wat je meet, kun je sturen.") in paragraphs
    assert ("Normal", "Zie de handreiking van PIANOo en CO2-prestatieladder.") in paragraphs
    assert ("Normal", "regel een\nregel twee") in paragraphs
    assert ("List Number", "derde") in paragraphs
    links = [rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")]
    assert links == ["https://www.pianoo.nl/"]


def test_docx_gives_goals_their_indicator_baseline_and_target_and_actions_their_facts(client, people, plan):
    client.force_login(people.member_a)
    document = docx.Document(io.BytesIO(client.get(url("plan_docx", plan)).content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "Indicator: Aandeel emissievrije bouwplaatsen" in texts
    assert "Nulmeting: 5 % (2025)" in texts
    assert "Streefwaarde: 80 % (2029)" in texts
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Actie", "Eigenaar", "Looptijd", "Status", "Voortgang"] in rows
    assert [
        "Marktconsultatie bouwlogistiek",
        "Team Inkoop",
        "1 februari 2026 – 30 juni 2026\nTe laat",
        "Lopend",
        "40%",
    ] in rows


# --- nothing is fetched from outside ------------------------------------------------------------


@pytest.fixture
def loopback_server():
    """A small HTTP server on loopback that records every request it gets."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            received.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(b"\x89PNG\r\n\x1a\n")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def hostile_text(base: str, field: str) -> str:
    return (
        f"[link {field}]({base}/link-{field}) ![x]({base}/x-{field}.png) "
        f'<img src="{base}/img-{field}.png" alt="x"> <link rel="stylesheet" href="{base}/css-{field}.css"> '
        f'<a rel="attachment" href="{base}/attachment-{field}">bijlage</a> '
        f"![passwd](file:///etc/passwd) [passwd](file:///etc/passwd) ![data](data:image/png;base64,iVBORw0KGgo=)"
    )


def test_no_text_of_a_plan_makes_the_server_fetch_anything(client, people, loopback_server):
    base, received = loopback_server
    plan = ActionPlanFactory(organisation=people.organisation_a, title=f"Plan ![x]({base}/title.png)")
    for text_field, _html in PLAN_SECTIONS:
        setattr(plan, text_field, hostile_text(base, text_field))
    plan.save()
    assert "<img" not in plan.baseline_html  # the Markdown sanitiser drops images, written either way
    goal = GoalFactory(
        plan=plan,
        title=hostile_text(base, "goal-title")[:200],
        description=hostile_text(base, "goal-description"),
        indicator=hostile_text(base, "indicator")[:200],
        unit="<img src=x>",
    )
    action = ActionFactory(
        goal=goal,
        title=hostile_text(base, "action-title")[:200],
        description=hostile_text(base, "action-description"),
        owner=hostile_text(base, "owner")[:200],
    )
    action.product_groups.add(ProductGroup.objects.create(name=hostile_text(base, "product-group")[:200], slug="x"))
    client.force_login(people.member_a)
    pdf = client.get(url("plan_pdf", plan))
    word = client.get(url("plan_docx", plan))
    assert pdf.status_code == 200 and word.status_code == 200
    assert received == []
    text = pdf_text(pdf.content)
    assert "link occasion" in text  # the texts are in the document, as text and links ...
    assert "root:" not in text  # ... and nothing of the files they name
    reader = PdfReader(io.BytesIO(pdf.content))
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    for page in reader.pages:
        resources = page["/Resources"]
        assert not resources.get("/XObject"), "no image was embedded"


def test_the_fetcher_refuses_outside_urls_before_any_request(loopback_server):
    base, received = loopback_server
    fetcher = StaticFilesOnlyFetcher()
    site = settings.SITE_URL
    for address in [
        f"{base}/x.png",
        f"{base}/static/css/plan_document.css",
        "file:///etc/passwd",
        "data:text/plain;base64,c2VjcmV0",
        f"{site}/static/../../../../etc/passwd",
        f"{site}/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        f"{site}/static/css/../../manage.py",
        f"{site}/actieplannen/",
        f"{site}.example/static/css/plan_document.css",
    ]:
        with pytest.raises(ExternalResourceRefused):
            fetcher.fetch(address)
    assert received == []


def test_the_fetcher_reads_the_portals_own_static_files_from_disk():
    response = StaticFilesOnlyFetcher().fetch(settings.SITE_URL + "/static/css/plan_document.css")
    expected = (Path(settings.BASE_DIR) / "static" / "css" / "plan_document.css").read_bytes()
    assert response.read() == expected
    assert response.content_type == "text/css"


def test_the_fetcher_reads_collected_static_files_under_their_hashed_names(settings, tmp_path):
    """In production `{% static %}` names the collected copy (css/plan_document.<hash>.css)."""
    settings.STATIC_ROOT = tmp_path
    manifest = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": manifest}
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "plan_document.0123456789ab.css").write_text("h1 { color: #0b3a6e; }")
    response = StaticFilesOnlyFetcher().fetch(settings.SITE_URL + "/static/css/plan_document.0123456789ab.css")
    assert response.read() == b"h1 { color: #0b3a6e; }"


def test_raw_html_that_passed_no_sanitiser_still_fetches_nothing(loopback_server):
    """The fetcher is the second line: even HTML written straight into a document loads nothing."""
    base, received = loopback_server
    content = html_to_pdf(
        f"""<html lang="nl"><head><title>Proef</title><link rel="stylesheet" href="{base}/style.css">
        <style>@import url("{base}/import.css"); body {{ background: url("{base}/bg.png") }}</style></head>
        <body><h1>Proef</h1><img src="{base}/img.png" alt="plaatje"><img src="file:///etc/passwd" alt="bestand">
        <a rel="attachment" href="file:///etc/passwd">passwd</a>
        <a rel="attachment" href="data:text/plain;base64,Z2VoZWlt">geheim</a>
        <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E%3Cimage href='{base}/svg.png'/%3E%3C/svg%3E" alt="svg">
        </body></html>"""
    )
    assert received == []
    reader = PdfReader(io.BytesIO(content))
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    assert not reader.pages[0]["/Resources"].get("/XObject")


# --- stored copies ------------------------------------------------------------------------------


def render_queries(queries) -> list[str]:
    """The queries that read goals and actions: a render makes them, a stored copy does not."""
    return [query["sql"] for query in queries if "actionplans_goal" in query["sql"]]


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_repeat_download_is_the_stored_copy(client, people, plan, locmem_cache, kind):
    client.force_login(people.member_a)
    first = client.get(url(f"plan_{kind}", plan)).content
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url(f"plan_{kind}", plan)).content
    assert second == first
    assert render_queries(queries.captured_queries) == []


def test_a_change_to_the_plan_shows_in_the_next_download(client, people, plan, locmem_cache):
    client.force_login(people.member_a)
    assert "Marktconsultatie bouwlogistiek" in pdf_text(client.get(url("plan_pdf", plan)).content)
    client.get(url("plan_docx", plan))
    action = plan.goals.get(title="Zero-emissie bouwlogistiek").actions.get()
    services.action_update(
        action=action, user=people.member_a, data={"title": "Marktdialoog emissievrij bouwen"}, version=action.version
    )
    assert "Marktdialoog emissievrij bouwen" in pdf_text(client.get(url("plan_pdf", plan)).content)
    texts = [cell.text for table in docx.Document(io.BytesIO(client.get(url("plan_docx", plan)).content)).tables
             for row in table.rows for cell in row.cells]  # fmt: skip
    assert "Marktdialoog emissievrij bouwen" in texts


def test_renaming_the_organisation_shows_in_the_next_download(client, people, plan, locmem_cache):
    client.force_login(people.member_a)
    client.get(url("plan_pdf", plan))
    people.organisation_a.name = "Gemeente Utrecht"
    manifest_services.organisation_save(organisation=people.organisation_a)  # as the admin saves it
    assert "Gemeente Utrecht" in pdf_text(client.get(url("plan_pdf", plan)).content)


def test_the_stored_copy_is_kept_per_language(client, people, plan, locmem_cache):
    client.force_login(people.member_a)
    dutch = client.get(url("plan_pdf", plan)).content
    english = client.get("/en" + url("plan_pdf", plan)).content
    assert "Doelen en acties per thema" in pdf_text(dutch)
    assert "Goals and actions per theme" in pdf_text(english)


def test_stored_copies_are_keyed_by_the_kinds_the_published_plan_page_shows(plan):
    from actionplans import views

    assert set(views.published_detail.public_page.all_kinds()) == set(DOCUMENT_KINDS)
    keys = [stored_copy_key(plan, "pdf")]
    assert stored_copy_key(plan, "pdf") == keys[0]
    for kind in DOCUMENT_KINDS:  # plans, the register and the themes' names
        kind.changed()
        keys.append(stored_copy_key(plan, "pdf"))
    assert len(set(keys)) == len(keys)


# --- public documents of a published plan -------------------------------------------------------


def publish(plan, user):
    plan = services.plan_adopt(plan=plan, user=user, adopted_on=datetime.date(2026, 1, 15), adopted_by="College")
    return services.plan_publish(plan=plan, user=user)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_anyone_downloads_the_documents_of_a_published_plan(client, people, plan, kind):
    plan = publish(plan, people.coordinator_a)
    response = client.get(url(f"published_{kind}", plan))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="actieplan-gm0344-2026-2029.{kind}"'


def test_the_published_plan_page_links_to_its_documents(client, people, plan):
    plan = publish(plan, people.coordinator_a)
    page = client.get(plan.get_public_url()).content.decode()
    assert f'href="{url("published_pdf", plan)}"' in page
    assert f'href="{url("published_docx", plan)}"' in page
    assert "Downloaden als Word-document" in page


@pytest.mark.parametrize("kind", ["pdf", "docx"])
@pytest.mark.parametrize("person", ["anonymous", "member_a", "staff"])
def test_public_documents_of_a_draft_or_adopted_plan_are_404(client, people, plan, kind, person):
    if getattr(people, person):
        client.force_login(getattr(people, person))
    assert client.get(url(f"published_{kind}", plan)).status_code == 404
    adopted = services.plan_adopt(plan=plan, user=None, adopted_on=datetime.date(2026, 1, 15), adopted_by="College")
    assert client.get(url(f"published_{kind}", adopted)).status_code == 404


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_public_documents_are_gone_once_the_plan_is_taken_back_to_draft(client, people, plan, locmem_cache, kind):
    plan = publish(plan, people.coordinator_a)
    assert client.get(url(f"published_{kind}", plan)).status_code == 200  # now stored
    services.plan_unpublish(plan=plan, user=people.coordinator_a)
    assert client.get(url(f"published_{kind}", plan)).status_code == 404


def test_a_repeat_public_download_costs_one_query(client, people, plan, locmem_cache, django_assert_num_queries):
    plan = publish(plan, people.coordinator_a)
    first = client.get(url("published_pdf", plan)).content
    with django_assert_num_queries(1):  # is the plan still published?
        assert client.get(url("published_pdf", plan)).content == first


def test_public_documents_never_name_the_contact_person(client, people, plan):
    contact = UserFactory(email="j.de.vries@utrecht.example", full_name="Jannie de Vries")
    action = plan.goals.get(title="Zero-emissie bouwlogistiek").actions.get()
    action.owner_member = contact
    action.save()
    plan = publish(plan, people.coordinator_a)
    pdf = pdf_text(client.get(url("published_pdf", plan)).content)
    word = docx.Document(io.BytesIO(client.get(url("published_docx", plan)).content))
    word_text = "\n".join(
        [paragraph.text for paragraph in word.paragraphs]
        + [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    )
    for text in (pdf, word_text):
        assert "Team Inkoop" in text  # the owner role is public ...
        assert "Jannie de Vries" not in text and "j.de.vries" not in text  # ... the person is not


# --- joint plans ----------------------------------------------------------------------------------


def make_joint(plan, people):
    """The plan owned with Zwolle (adopted after the lead) and De Bilt (not adopted yet); its first goal has a
    target per owner."""
    from decimal import Decimal

    from actionplans import owner_services
    from tests.factories import OrganisationFactory, co_owner

    co_owner(plan, people.organisation_b)
    co_owner(plan, OrganisationFactory(code="gm0310", name="De Bilt"))
    goal = plan.goals.get(title="Zero-emissie bouwlogistiek")
    owner_services.goal_targets_save(
        goal=goal,
        user=None,
        per_owner=True,
        targets={people.organisation_a.pk: Decimal("80"), people.organisation_b.pk: Decimal("65")},
    )
    plan = services.plan_adopt(
        plan=plan, user=people.coordinator_a, adopted_on=datetime.date(2026, 1, 15), adopted_by="College"
    )
    owner_services.owner_adopt(
        owner=plan.co_owners.get(organisation=people.organisation_b),
        user=None,
        adopted_on=datetime.date(2026, 2, 1),
        adopted_by="College van Zwolle",
    )
    return plan


def test_pdf_of_a_joint_plan_names_every_owner_its_adoption_and_the_targets_per_owner(client, people, plan):
    plan = make_joint(plan, people)
    client.force_login(people.member_b)  # a member of the co-owner reads the plan and its documents
    text = " ".join(pdf_text(client.get(url("plan_pdf", plan)).content).split())
    assert "Utrecht (Leidend): vastgesteld op 15 januari 2026 door College" in text
    assert "Zwolle (Mede-eigenaar): vastgesteld op 1 februari 2026 door College van Zwolle" in text
    assert "De Bilt (Mede-eigenaar): nog niet vastgesteld door De Bilt" in text
    assert "Streefwaarde per eigenaar: Utrecht: 80 %; Zwolle: 65 %" in text


def test_docx_of_a_joint_plan_names_every_owner_and_the_targets_per_owner(client, people, plan):
    plan = make_joint(plan, people)
    client.force_login(people.member_a)
    texts = [text for _style, text in docx_paragraphs(client.get(url("plan_docx", plan)).content)]
    owners = next(text for text in texts if text.startswith("Eigenaren: "))
    assert owners == (
        "Eigenaren: Utrecht (Leidend): vastgesteld op 15 januari 2026 door College; "
        "De Bilt (Mede-eigenaar): nog niet vastgesteld door De Bilt; "
        "Zwolle (Mede-eigenaar): vastgesteld op 1 februari 2026 door College van Zwolle"
    )
    assert "Streefwaarde per eigenaar: Utrecht: 80 %; Zwolle: 65 %" in texts


def test_public_documents_of_a_published_joint_plan_name_its_co_owners(client, people, plan):
    plan = make_joint(plan, people)
    services.plan_publish(plan=plan, user=people.coordinator_a)
    text = " ".join(pdf_text(client.get(url("published_pdf", plan)).content).split())
    assert "Zwolle (Mede-eigenaar)" in text and "De Bilt (Mede-eigenaar)" in text


def test_documents_of_a_plan_of_one_organisation_name_no_owners_list(client, people, plan):
    client.force_login(people.member_a)
    texts = [text for _style, text in docx_paragraphs(client.get(url("plan_docx", plan)).content)]
    assert not any(text.startswith("Eigenaren") for text in texts)
    assert not any("per eigenaar" in text for text in texts)
