"""The public pages every production check walks: page weight (tests), `make bench` and `make audit`.

When an app adds a public page, add it here once; each check picks the pages it needs. Paths must
exist in the test data of `people` (organisation gm0344) and in the benchmark's data set.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: str
    bench: bool = True  # measured by `make bench`
    audit: bool = False  # graded by the HTTP Observatory and Lighthouse in `make audit`


PUBLIC_PAGES = [
    PublicPage("home", "/", audit=True),
    PublicPage("organisation register", "/organisaties/", audit=True),
    PublicPage("organisation register, page 5", "/organisaties/?page=5", bench=True),
    PublicPage("organisation page", "/organisaties/gm0344/"),
    # Until the knowledge base lands, the privacy statement stands in for a guidance page in the audit.
    PublicPage("privacy statement", "/privacy/", bench=False, audit=True),
    PublicPage("accessibility statement", "/toegankelijkheid/", bench=False),
    # The login page sets the CSRF cookie, so the Observatory grades the cookie flags there.
    PublicPage("login", "/account/login/", bench=False, audit=True),
    # To add when their apps land: a guidance page, the search page, the signatory register,
    # the CSV export, a published plan and the monitor.
]

WEIGHED_PAGES = [page for page in PUBLIC_PAGES if "?" not in page.path]
BENCH_PAGES = [page for page in PUBLIC_PAGES if page.bench]
AUDIT_PAGES = [page for page in PUBLIC_PAGES if page.audit]
