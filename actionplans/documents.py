"""The plan as a document to download (PDF, DOCX), and the stored copy that serves repeat downloads.

A document is rendered once for as long as nothing it shows changes. Its stored copy is kept with the
cached pages, keyed by the versions of the kinds of content the published plan page declares
(`DOCUMENT_KINDS`), so whatever makes that page stale makes the document stale too, for members and
the public alike. Documents never name the
people behind actions (`owner_member`): the same copy serves every reader of the plan.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import get_language

from actionplans.cache import PLANS
from actionplans.models import OwnerEntry
from actionplans.plan_export import plan_owners
from core.page_cache import release, shared_pages, versions
from guidance.cache import THEMES
from manifest.cache import REGISTER

# What a plan shows, as a document and as the published plan page (`views.published_detail`).
DOCUMENT_KINDS = (PLANS, REGISTER, THEMES)


def _pdf(context: dict) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, which would cost every process (workers,
    # commands) a second at start; only those that make a PDF need it.
    from actionplans.pdf import render_pdf

    return render_pdf("actionplans/plan_pdf.html", context)


def _docx(context: dict) -> bytes:
    from actionplans.docx_export import render_docx

    return render_docx(context)


@dataclass(frozen=True)
class DocumentFormat:
    content_type: str
    render: Callable[[dict], bytes]


FORMATS = {
    "pdf": DocumentFormat("application/pdf", _pdf),
    "docx": DocumentFormat("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _docx),
}


def stored_copy_key(plan, kind: str) -> str:
    """Where the stored copy of `plan` as `kind` lives; a new key as soon as anything it shows may differ.

    Besides the content versions: the release (its templates), the language, and today's date (the
    document says when it was made, and which actions are overdue by then).
    """
    stamp = "-".join(str(number) for number in versions(DOCUMENT_KINDS))
    today = timezone.localdate().isoformat()
    return f"plan-document:{release()}:{plan.uuid}:{kind}:{get_language()}:{today}:{stamp}"


def plan_document(plan, kind: str, *, context: Callable[[], dict]) -> bytes:
    """The plan as `kind` ("pdf" or "docx"): the stored copy, or rendered from `context()` and stored.

    On a render the plan is read again after the key is taken, so a change made meanwhile leaves the
    copy under a key that is already stale rather than an old text under the new key.
    """
    key = stored_copy_key(plan, kind)
    content = shared_pages().get(key)
    if content is None:
        plan.refresh_from_db()
        content = FORMATS[kind].render(document_context(context()))
        shared_pages().set(key, content)
    return content


def document_context(context: dict) -> dict:
    """The page context plus the sections as the document shows them, one heading level below their title,
    and the owners of a joint plan."""
    plan = context["plan"]
    return {
        **context,
        "sections": [(name, title, demote_headings(html)) for name, title, html in plan.sections],
        "owners": document_owners(plan),
    }


def document_owners(plan) -> list[OwnerEntry]:
    """A joint plan's owners for its documents as the workbook and the open data name them: the lead, then the
    co-owners that accepted, each with its own adoption. Empty for a plan of one organisation, whose document
    names it."""
    owners = plan_owners(plan, with_requests=False)
    return owners if len(owners) > 1 else []


def demote_headings(html: str) -> str:
    """h2 becomes h3 and so on (h6 stays h6): in a document the section's own title is the h2."""
    return re.sub(r"<(/?)h([2-6])\b", lambda match: f"<{match[1]}h{min(int(match[2]) + 1, 6)}", html)
