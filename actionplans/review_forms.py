from django import forms
from django.utils.translation import gettext_lazy as _

from actionplans.models import FindingStatus, ReviewItem


class FeedbackForm(forms.Form):
    """VNG's assessment and comment per checklist item; the same form in the portal and in the admin.

    `checklist` (actionplans/checklist.py) fills in the suggestion: "in order" where the data shows no
    problem, otherwise "needs attention" with the problems as the comment.
    """

    def __init__(self, *args, checklist=(), **kwargs):
        super().__init__(*args, **kwargs)
        suggestions = {entry.item: entry for entry in checklist}
        for item in ReviewItem:
            self.fields[f"{item.value}_status"] = forms.ChoiceField(
                label=item.label, choices=FindingStatus.choices, widget=forms.RadioSelect
            )
            self.fields[f"{item.value}_comment"] = forms.CharField(
                label=_("Comment on “%(item)s”") % {"item": item.label},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            if item in suggestions:
                self.fields[f"{item.value}_status"].initial = suggestions[item].suggested_status
                self.fields[f"{item.value}_comment"].initial = suggestions[item].suggested_comment

    def clean(self):
        cleaned = super().clean()
        for item in ReviewItem:
            status = cleaned.get(f"{item.value}_status")
            if status == FindingStatus.ATTENTION and not cleaned.get(f"{item.value}_comment", "").strip():
                self.add_error(f"{item.value}_comment", _("Say what needs attention."))
        return cleaned

    def findings(self) -> dict:
        return {
            item.value: (self.cleaned_data[f"{item.value}_status"], self.cleaned_data[f"{item.value}_comment"])
            for item in ReviewItem
        }


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("You can reply once to each item; the reply cannot be changed afterwards."),
    )
