"""The public pages every production check walks: page weight (tests), `make bench` and `make audit`.

When an app adds a public page, add it here once; each check picks the pages it needs. Paths must
exist in the benchmark's data set and in the page-weight test's `sample_content` (organisation gm0344,
its published plan and the first benchmark guidance page have stable addresses).
"""

from dataclasses import dataclass

from bench.sample import SAMPLE_ORGANISATION, bench_page_slug, bench_plan_uuid


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: str
    bench: bool = True  # measured by `make bench`
    audit: bool = False  # graded by the HTTP Observatory and Lighthouse in `make audit`
    cached: bool = True  # served from the page cache to anonymous visitors (held to the cached targets)
    indexable: bool = True  # False for pages that ask search engines to stay away (Lighthouse SEO n/a)


PUBLIC_PAGES = [
    PublicPage("home", "/", audit=True),
    PublicPage("organisation register", "/organisaties/", audit=True),
    PublicPage("organisation register, page 5", "/organisaties/?page=5", bench=True),
    PublicPage("organisation page", f"/organisaties/{SAMPLE_ORGANISATION}/"),
    PublicPage("knowledge base", "/kennisbank/"),
    PublicPage("guidance page", f"/kennisbank/{bench_page_slug(0)}/", audit=True),
    PublicPage("search", "/kennisbank/zoeken/?q=aanbesteding"),
    PublicPage("themes", "/themas/", bench=False),
    PublicPage("theme", "/themas/klimaat/"),
    PublicPage("tools", "/tools/"),
    PublicPage("manifest", "/manifest/"),
    PublicPage("signatory register", "/manifest/ondertekenaars/", audit=True),
    PublicPage("signatory register as CSV", "/manifest/ondertekenaars.csv"),
    PublicPage("published plans", "/actieplannen/openbaar/"),
    PublicPage("published plan", f"/actieplannen/openbaar/{bench_plan_uuid(SAMPLE_ORGANISATION)}/", audit=True),
    PublicPage("monitor", "/monitor/", audit=True),
    PublicPage("monitor as open data", "/monitor/data.json"),
    PublicPage("common indicators", "/monitor/indicatoren/"),
    PublicPage("common indicators as CSV", "/monitor/indicatoren/data.csv"),
    PublicPage("monitor of product groups", "/monitor/productgroepen/"),
    PublicPage("product groups as open data", "/monitor/productgroepen/data.csv"),
    PublicPage("privacy statement", "/privacy/", bench=False, cached=False),
    PublicPage("accessibility statement", "/toegankelijkheid/", bench=False, cached=False),
    # The login page sets the CSRF cookie, so the Observatory grades the cookie flags there.
    PublicPage("login", "/account/login/", bench=False, audit=True, cached=False, indexable=False),
]

WEIGHED_PAGES = [page for page in PUBLIC_PAGES if "?" not in page.path and not page.path.endswith((".csv", ".json"))]
BENCH_PAGES = [page for page in PUBLIC_PAGES if page.bench]
AUDIT_PAGES = [page for page in PUBLIC_PAGES if page.audit]
