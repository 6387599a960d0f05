"""One sitemap for the whole portal: every public page of every app, in Dutch and English."""

import pytest

from tests.factories import ActionPlanFactory, ManifestEditionFactory

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_the_register_organisations_and_published_plans_never_drafts(client, sample_content):
    draft = ActionPlanFactory(organisation=sample_content.organisation_a, title="Concept")
    ManifestEditionFactory()
    body = client.get("/sitemap.xml").content.decode()
    for path in (
        "/manifest/",
        "/manifest/ondertekenaars/",
        "/manifest/open-data/",
        "/manifest/2016-2020/",
        "/organisaties/",
        "/organisaties/gm0344/",
        "/organisaties/gm0193/",
        "/actieplannen/openbaar/",
        "/monitor/",
        "/voorbeelden/",
        "/kennisbank/",
    ):
        assert f"<loc>http://testserver{path}</loc>" in body, path
        assert f'hreflang="en" href="http://testserver/en{path}"' in body, path
    published = sample_content.organisation_a.action_plans.published().get()
    assert published.get_public_url() in body
    assert str(draft.uuid) not in body
