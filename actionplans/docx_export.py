"""The plan as a Word document (python-docx), for officers to take into a collegevoorstel.

Word's own styles carry the structure: Title for the plan, Heading 1 per chapter (each section, the
goals, the progress), Heading 2 per theme, Heading 3 per goal, List Bullet and List Number for lists.
The sections' stored HTML (sanitised Markdown) becomes paragraphs, lists and tables, not raw Markdown.

python-docx looks a style up by name for every paragraph and sets every cell's width, which costs
milliseconds apiece in a 300-action plan; `_paragraph` and `_table` set style ids and cells directly.
"""

import io
from datetime import date

from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from lxml import html as lxml_html

from actionplans.models import OwnerEntry

LINK_COLOUR = RGBColor(0x0B, 0x3A, 0x6E)
LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}
MAX_LIST_LEVEL = 3  # Word's template has List Bullet, List Bullet 2 and List Bullet 3


def _style_id(name: str) -> str:
    """The id of one of Word's built-in styles: its English name without spaces ("Heading 1" -> "Heading1")."""
    return name.replace(" ", "")


def _paragraph(container, text: str = "", style: str | None = None):
    paragraph = container.add_paragraph(text)
    if style:
        paragraph._p.style = _style_id(style)
    return paragraph


def _heading(container, text: str, level: int):
    return _paragraph(container, text, f"Heading {level}")


def _review_fact(review) -> list[tuple[str, str]]:
    if review is None:
        return []
    completed = format_date(timezone.localtime(review.completed_at), "j F Y")
    return [(_("Review"), _("Reviewed by VNG on %(date)s") % {"date": completed})]


def _owners_fact(owners: list[OwnerEntry]) -> list[tuple[str, str]]:
    """A joint plan's owners, each with its role and own adoption (see documents.document_owners)."""
    if not owners:
        return []
    parts = []
    for owner in owners:
        if owner.adopted_on:
            adoption = _("adopted on %(date)s by %(body)s") % {
                "date": format_date(owner.adopted_on, "j F Y"),
                "body": owner.adopted_by,
            }
        else:
            adoption = _("not yet adopted by %(organisation)s") % {"organisation": owner.name}
        parts.append(f"{owner.name} ({owner.role.label}): {adoption}")
    return [(_("Owners"), "; ".join(parts))]


def _owner_targets(goal) -> list[tuple[str, str]]:
    if not goal.targets_per_owner:
        return []
    unit = goal.measure_unit
    targets = [
        f"{target['name']}: {_measure(target['value'], unit, None, _('to be set'))}"
        for target in getattr(goal, "owner_target_list", [])
    ]
    return [(_("Target per owner"), "; ".join(targets) or _("to be set"))]


def render_docx(context: dict) -> bytes:
    plan, themes = context["plan"], context["themes"]
    document = Document()
    _set_properties(document, plan)

    _paragraph(document, plan.title, "Title")
    _paragraph(document, str(plan.organisation), "Subtitle")
    status = plan.get_status_display()
    if plan.adopted_on:
        status += ", " + _("adopted on %(date)s by %(body)s") % {
            "date": format_date(plan.adopted_on, "j F Y"),
            "body": plan.adopted_by,
        }
    _facts(
        document,
        [
            (_("Period"), plan.period),
            (_("Status"), status),
            (_("Track"), plan.get_track_display()),
            *_owners_fact(context.get("owners", [])),
            *_review_fact(context.get("review")),
            (_("Printed on"), format_date(timezone.localdate(), "j F Y")),
        ],
    )

    for _name, title, html in context["sections"]:
        _heading(document, str(title)[:1].upper() + str(title)[1:], 1)
        if html:
            HtmlToDocx(document).add(html)
        else:
            _paragraph(document, _("Not filled in yet."))
    if plan.budget is not None:
        _heading(document, _("Budget"), 1)
        _paragraph(document, f"€ {floatformat(plan.budget, '2g')}")

    _heading(document, _("Goals and actions per theme"), 1)
    if not themes:
        _paragraph(document, _("This plan has no goals yet."))
    for group in themes:
        _heading(document, group["theme"].display_name, 2)
        for goal in group["goals"]:
            _goal(document, goal)

    _heading(document, _("Progress per theme"), 1)
    if themes:
        _table(
            document,
            [_("Theme"), _("Progress"), _("Actions done")],
            [
                [
                    [group["theme"].display_name],
                    [_("no actions yet") if group["progress"] is None else f"{group['progress']}%"],
                    [_("%(done)s of %(total)s") % {"done": group["done_count"], "total": group["action_count"]}],
                ]
                for group in themes
            ],
        )
    else:
        _paragraph(document, _("This plan has no goals yet."))

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_properties(document, plan) -> None:
    language = LANGUAGES.get(get_language(), get_language())
    properties = document.core_properties
    properties.title = plan.title
    properties.author = str(plan.organisation)
    properties.subject = _("Actieplan MVOI")
    properties.language = language
    properties.comments = ""
    properties.last_modified_by = "MVOI-portaal"
    properties.created = properties.modified = timezone.now().replace(tzinfo=None)
    # The language of the text itself, for spelling checks and screen readers.
    run_defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    lang.set(qn("w:val"), language)


def _facts(document, rows: list[tuple[str, str]]) -> None:
    for label, value in rows:
        paragraph = _paragraph(document)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(str(value))


def _period(start: date | None, due: date | None) -> str:
    parts = [format_date(start, "DATE_FORMAT") if start else "", format_date(due, "DATE_FORMAT") if due else ""]
    return " – ".join(parts) if any(parts) else ""


def _measure(value, unit: str, year, missing: str) -> str:
    text = f"{floatformat(value, '-2')} {unit}".strip() if value is not None else missing
    return f"{text} ({year})" if year else text


def _goal(document, goal) -> None:
    _heading(document, goal.title, 3)
    if goal.description:
        _paragraph(document, goal.description)
    facts = []
    if goal.measure_name:
        facts.append((_("Indicator"), goal.measure_name))
    unit = goal.measure_unit
    facts.append((_("Baseline"), _measure(goal.baseline_value, unit, goal.baseline_year, _("to be measured"))))
    facts.append((_("Target"), _measure(goal.target_value, unit, goal.target_year, _("to be set"))))
    facts.extend(_owner_targets(goal))
    _facts(document, facts)
    actions = list(goal.actions.all())
    if not actions:
        _paragraph(document, _("No actions yet."))
        return
    rows = []
    for action in actions:
        details = [action.title]
        if action.description:
            details.append(action.description)
        if groups := [group.name for group in action.product_groups.all()]:
            details.append(f"{_('Product groups')}: {', '.join(groups)}")
        period = [_period(action.start_date, action.due_date)]
        if action.is_overdue:
            period.append(_("Overdue"))
        rows.append(
            [details, [action.owner or "—"], period, [action.get_status_display()], [f"{action.effective_progress}%"]]
        )
    _table(document, [_("Action"), _("Owner"), _("Period"), _("Status"), _("Progress")], rows)


def _table(document, headers: list[str], rows: list[list[list[str]]]) -> None:
    """A grid with a header row that Word repeats on every page; each cell is a list of lines, the
    first line of the first column (what names the row) in bold."""
    table = document.add_table(rows=len(rows) + 1, cols=len(headers))
    table._tbl.tblPr.style = _style_id("Table Grid")
    table_rows = table.rows
    _repeat_as_header(table_rows[0])
    for cell, text in zip(table_rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row, values in zip(table_rows[1:], rows, strict=True):
        for column, (cell, lines) in enumerate(zip(row.cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            for number, line in enumerate(lines):
                if number:
                    paragraph = cell.add_paragraph()
                run = paragraph.add_run(str(line))
                if column == 0 and number == 0:
                    run.bold = True


def _repeat_as_header(row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


class HtmlToDocx:
    """Adds the blocks of a section's sanitised HTML to a document.

    Knows the tags `core.markdown` lets through: paragraphs, headings h3-h6 (after `demote_headings`),
    lists, block quotes, code, tables, definition lists and the inline tags within them.
    """

    def __init__(self, document):
        self.document = document

    def add(self, html: str) -> None:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
        if root.text and root.text.strip():
            _paragraph(self.document, root.text.strip())
        for element in root:
            self._block(element)
            if element.tail and element.tail.strip():
                _paragraph(self.document, element.tail.strip())

    def _block(self, element, *, style: str | None = None) -> None:
        tag = element.tag
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            # A section is Heading 1 and its h2 is already demoted to h3: h3 -> Heading 2, and so on.
            self._inline(_heading(self.document, "", int(tag[1]) - 1), element)
        elif tag in ("ul", "ol"):
            self._list(element, level=1)
        elif tag == "blockquote":
            children = list(element)
            if not children:
                self._inline(_paragraph(self.document, style="Quote"), element)
            for child in children:
                self._block(child, style="Quote")
        elif tag == "pre":
            paragraph = _paragraph(self.document, style=style)
            for number, line in enumerate(element.text_content().rstrip("\n").split("\n")):
                run = paragraph.add_run()
                if number:
                    run.add_break()
                run.add_text(line)
                run.font.name = "Courier New"
        elif tag == "table":
            self._table(element)
        elif tag == "dl":
            for child in element:
                paragraph = _paragraph(self.document, style=style)
                self._inline(paragraph, child, bold=child.tag == "dt")
                if child.tag == "dd":
                    paragraph.paragraph_format.left_indent = Pt(18)
        elif tag != "hr":  # p, and anything unexpected keeps its text
            self._inline(_paragraph(self.document, style=style), element)

    def _list(self, element, *, level: int) -> None:
        ordered = element.tag == "ol"
        base = "List Number" if ordered else "List Bullet"
        style = base if level == 1 else f"{base} {min(level, MAX_LIST_LEVEL)}"
        numbering = _restarted_numbering(self.document, style) if ordered else None
        for item in element:
            if item.tag != "li":
                continue
            paragraph = _paragraph(self.document, style=style)
            if numbering is not None:
                _use_numbering(paragraph, numbering)
            self._inline(paragraph, item, skip=("ul", "ol", "p"))
            for child in item:
                if child.tag in ("ul", "ol"):
                    self._list(child, level=level + 1)
                elif child.tag == "p":  # a loose list: its paragraphs belong to the item
                    if paragraph.text:
                        paragraph = _paragraph(self.document, style="List Continue")
                    self._inline(paragraph, child)

    def _table(self, element) -> None:
        rows = element.findall(".//tr")
        if not rows:
            return
        width = max(len([cell for cell in row if cell.tag in ("th", "td")]) for row in rows)
        table = self.document.add_table(rows=len(rows), cols=width)
        table._tbl.tblPr.style = _style_id("Table Grid")
        for row, docx_row in zip(rows, table.rows, strict=True):
            if row.getparent().tag == "thead":
                _repeat_as_header(docx_row)
            cells = [cell for cell in row if cell.tag in ("th", "td")]
            for cell, docx_cell in zip(cells, docx_row.cells, strict=False):
                self._inline(docx_cell.paragraphs[0], cell, bold=cell.tag == "th")

    def _inline(self, paragraph, element, *, bold=False, italic=False, code=False, skip=()) -> None:
        """The text of `element` and its inline children as runs of `paragraph`."""
        if element.text:
            _run(paragraph, element.text, bold=bold, italic=italic, code=code)
        for child in element:
            if child.tag in skip:
                continue
            if child.tag == "br":
                paragraph.add_run().add_break()
            elif child.tag == "a":
                _hyperlink(paragraph, child.get("href", ""), child.text_content(), bold=bold, italic=italic)
            else:
                self._inline(
                    paragraph,
                    child,
                    bold=bold or child.tag in ("strong", "b"),
                    italic=italic or child.tag in ("em", "i"),
                    code=code or child.tag == "code",
                )
            if child.tail:
                _run(paragraph, child.tail, bold=bold, italic=italic, code=code)


def _run(paragraph, text: str, *, bold: bool = False, italic: bool = False, code: bool = False):
    text = text.replace("\n", " ")
    if not text:
        return None
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if code:
        run.font.name = "Courier New"
    return run


def _hyperlink(paragraph, url: str, text: str, *, bold: bool, italic: bool) -> None:
    """A real Word hyperlink (python-docx reads them but does not make them)."""
    run = _run(paragraph, text or url, bold=bold, italic=italic)
    if run is None or not url:
        return
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
    run.font.color.rgb = LINK_COLOUR
    run.font.underline = True
    run._r.addprevious(link)
    link.append(run._r)


def _restarted_numbering(document, style_name: str) -> str | None:
    """A numbering that starts at 1, for one ordered list (Word would go on counting from the last)."""
    properties = document.styles[style_name].element.pPr
    if properties is None or properties.numPr is None or properties.numPr.numId is None:
        return None
    numbering = document.part.numbering_part.numbering_definitions._numbering
    abstract_id = numbering.num_having_numId(properties.numPr.numId.val).abstractNumId.val
    number = numbering.add_num(abstract_id)
    number.add_lvlOverride(ilvl=0).add_startOverride(1)
    return number.numId


def _use_numbering(paragraph, numbering) -> None:
    numbering_properties = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering_properties.get_or_add_ilvl().val = 0
    numbering_properties.get_or_add_numId().val = numbering
