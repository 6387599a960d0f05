"""A coordinator asks for more time for the action plan or a yearly report (/organisaties/<code>/uitstel/)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from actionplans import ladder_services
from actionplans.forms import DateInput
from actionplans.models import DeadlineExtension
from manifest.permissions import get_organisation_for_user


class ExtensionRequestForm(forms.Form):
    step = forms.ChoiceField(
        label=gettext_lazy("For which step do you need more time?"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose the step you need more time for.")},
    )
    new_date = forms.DateField(
        label=gettext_lazy("New due date"),
        widget=DateInput,
        help_text=gettext_lazy("The day by which you will have taken the step, for example 2027-06-30."),
        error_messages={
            "required": gettext_lazy("Enter the new due date."),
            "invalid": gettext_lazy("Enter a real date, for example 2027-06-30."),
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Why do you need more time?"),
        help_text=gettext_lazy(
            "For example: the council decides on the plan after the elections. VNG staff read this."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Say why you need more time.")},
    )

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(step.key, step.label) for step in steps]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def extension_request(request, code):
    """Coordinators only: members get 403, people of other organisations 404 (core of manifest's getter)."""
    organisation = get_organisation_for_user(request.user, code)
    if not organisation.is_coordinator:
        raise PermissionDenied("Only coordinators ask for more time.")
    signature = ladder_services.current_signature(organisation)
    steps = ladder_services.open_steps(signature) if signature is not None else []
    form = ExtensionRequestForm(request.POST or None, steps=steps)
    if request.method == "POST" and steps and form.is_valid():
        try:
            ladder_services.extension_request(
                organisation=organisation,
                user=request.user,
                step_key=form.cleaned_data["step"],
                new_date=form.cleaned_data["new_date"],
                reason=form.cleaned_data["reason"],
            )
        except ladder_services.ExtensionRefused as refusal:
            form.add_error(refusal.field, str(refusal))
        else:
            messages.success(request, _("Your request has been sent. VNG staff decide and let you know by e-mail."))
            return redirect(organisation.get_absolute_url())
    requests = DeadlineExtension.objects.filter(organisation=organisation).select_related("edition")[:20]
    return render(
        request,
        "actionplans/extension_request.html",
        {
            "organisation": organisation,
            "signature": signature,
            "steps": steps,
            "form": form,
            "requests": requests,
            "crumbs": [
                (reverse("manifest:organisation_list"), _("Organisations")),
                (organisation.get_absolute_url(), organisation.name),
                (request.path, _("Ask for more time")),
            ],
        },
        status=400 if form.errors else 200,
    )
