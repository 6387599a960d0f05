from django import template

from guidance import next_steps

register = template.Library()


@register.simple_tag
def guidance_page_url(step: str) -> str:
    """The knowledge base page that explains a step of the journey: "understand", "sign" or "plan"."""
    return next_steps.page_url(step)
