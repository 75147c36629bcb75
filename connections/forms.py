from __future__ import annotations

from django import forms


class ConnectionForm(forms.Form):
    label = forms.CharField(
        max_length=100,
        required=False,
        help_text="A name your team will recognise, e.g. “Production” or “Sandbox”.",
    )
    api_key = forms.CharField(
        label="API key",
        max_length=300,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Starts rf_live_ (live) or rf_test_ (sandbox). Shown only masked once saved.",
    )
