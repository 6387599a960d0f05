"""PDF of the print version, made with xhtml2pdf (pure Python on reportlab); no system packages needed."""

import io

from django.template.loader import render_to_string
from xhtml2pdf import pisa


class PdfError(Exception):
    pass


def _no_external_resources(uri, rel):
    """The document needs nothing from outside; never fetch a URL or read a file named in it."""
    return ""


def render_pdf(template_name: str, context: dict) -> bytes:
    html = render_to_string(template_name, context)
    buffer = io.BytesIO()
    result = pisa.CreatePDF(html, dest=buffer, encoding="utf-8", link_callback=_no_external_resources)
    if result.err:
        raise PdfError(f"xhtml2pdf reported {result.err} error(s)")
    return buffer.getvalue()
