from __future__ import annotations

from django import forms
from django.utils import timezone

from batches.models import ItemStatus
from batches.stages import Element

from .models import Showcase
from .selectors import GalleryFilters, team_batches


class GalleryFilterForm(forms.Form):
    batch = forms.ModelChoiceField(queryset=None, required=False, empty_label="All batches")
    status = forms.ChoiceField(choices=[("", "Any status"), *ItemStatus.choices], required=False)
    element = forms.ChoiceField(choices=[("", "Any element"), *Element.choices], required=False)
    q = forms.CharField(required=False, max_length=255, label="Client ref")

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["batch"].queryset = team_batches(team)
        self.fields["batch"].label_from_instance = lambda b: (
            f"{b.job} · part {b.part} · {b.created_at:%Y-%m-%d %H:%M}"
        )

    def filters(self) -> GalleryFilters:
        """Valid filters only: a bad or foreign value is simply not applied."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return GalleryFilters(
            batch=data.get("batch"),
            status=data.get("status") or "",
            element=data.get("element") or "",
            q=(data.get("q") or "").strip(),
        )


class ShowcaseForm(forms.ModelForm):
    class Meta:
        model = Showcase
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PublishForm(forms.Form):
    expires_at = forms.DateTimeField(
        required=False,
        label="Expires (optional)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="UTC. Leave empty for a link that lasts until you revoke it.",
    )

    def clean_expires_at(self):
        value = self.cleaned_data["expires_at"]
        if value is not None and value <= timezone.now():
            raise forms.ValidationError("Pick a time in the future.")
        return value
