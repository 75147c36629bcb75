from __future__ import annotations

from django import forms

from .models import Membership, Role, Team


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name"]
        labels = {"name": "Team name"}
        help_texts = {"name": "Your teammates see this name; you can have several teams."}

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give the team a name.")
        return name


def _role_choices(by: Membership) -> list[tuple[str, str]]:
    """Admins cannot hand out the owner role, so they are not offered it."""
    return [(v, label) for v, label in Role.choices if v != Role.OWNER or by.is_owner]


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)
    role = forms.ChoiceField(label="Role", initial=Role.MEMBER)

    def __init__(self, *args, team: Team, by: Membership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.team = team
        self.fields["role"].choices = _role_choices(by)
        self.fields["email"].widget.attrs.update(autocomplete="off", placeholder="name@example.com")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if self.team.memberships.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(f"{email} is already a member of this team.")
        return email


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)


class SwitchForm(forms.Form):
    team = forms.UUIDField()
