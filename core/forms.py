from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Renders every form (the portal's and allauth's) with the NL Design System field template."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/form_field.html"
