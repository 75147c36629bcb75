"""The New batch form: one page, four sources, shared options, a plan to preview or send."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django import forms

from connections.models import Connection

from . import parsing
from .parsing import LineError, Options, Row
from .pricing import projected_cost
from .services import ItemInput
from .stages import Element
from .uploads import UploadRefused, upload_check, upload_public_url, upload_store

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from accounts.models import User
    from teams.models import Team


class Source:
    PASTE, CSV, UPLOAD, RUN = "paste", "csv", "upload", "run"
    CHOICES = [
        (PASTE, "Paste URLs"),
        (CSV, "From a CSV"),
        (UPLOAD, "Upload images"),
        (RUN, "Single image (run)"),
    ]


ASPECT_CHOICES = [("", "As the original")] + [(r, r) for r in parsing.ASPECT_RATIOS]
META_ROWS_SHOWN = 3
META_ROWS_MAX = 50
CSV_MAX_BYTES = 2 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files if f]


@dataclass
class Plan:
    """What Send would do: rows (or files), their errors, the options, the price."""

    source: str
    connection: Connection | None
    rows: list[Row] = field(default_factory=list)
    files: list[UploadedFile] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    options: Options = field(default_factory=Options)
    metadata: dict = field(default_factory=dict)
    title: str = ""

    @property
    def count(self) -> int:
        return len(self.files) if self.source == Source.UPLOAD else len(self.rows)

    @property
    def ok(self) -> bool:
        return not self.errors and self.count > 0 and self.connection is not None

    @property
    def as_run(self) -> bool:
        return self.source == Source.RUN

    @property
    def line_word(self) -> str:
        return "File" if self.source == Source.UPLOAD else "Line"

    @property
    def batch_sizes(self) -> list[int]:
        return [1] if self.as_run and self.count else parsing.split_into_batches(self.count)

    def item_inputs(self) -> list[ItemInput]:
        """Inputs for pricing: uploads are not stored yet, so they have no URL."""
        if self.source == Source.UPLOAD:
            return [self._input(image_url="", client_ref=_stem(f.name)) for f in self.files]
        return [
            ItemInput(
                image_url=r.image_url,
                elements=r.elements,
                client_ref=r.client_ref,
                aspect_ratio=r.aspect_ratio,
                product_isolation_prompt=r.product_isolation_prompt,
            )
            for r in self.rows
        ]

    def projected_cost(self) -> Decimal | None:
        if self.connection is None:
            return None
        return projected_cost(items=self.item_inputs(), connection=self.connection)

    def store(self, *, team: Team, user: User | None) -> list[ItemInput]:
        """Inputs for job_create; uploads are stored now and handed over by URL."""
        if self.source != Source.UPLOAD:
            return self.item_inputs()
        inputs = []
        for f in self.files:
            upload = upload_store(team=team, user=user, file=f)
            inputs.append(
                self._input(
                    image_url=upload_public_url(upload), client_ref=_stem(f.name), upload=upload
                )
            )
        return inputs

    def _input(self, **kwargs) -> ItemInput:
        return ItemInput(
            elements=parsing.ordered_elements(self.options.elements),
            aspect_ratio=self.options.aspect_ratio,
            product_isolation_prompt=self.options.product_isolation_prompt,
            **kwargs,
        )


class NewBatchForm(forms.Form):
    source = forms.ChoiceField(
        choices=Source.CHOICES, initial=Source.PASTE, widget=forms.RadioSelect
    )
    urls = forms.CharField(
        label="Image URLs",
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 8,
                "spellcheck": "false",
                "placeholder": "https://…/photo-1.jpg, sku-123",
            }
        ),
        help_text="One a line: <code>url</code> or <code>url, client_ref</code>.",
    )
    csv_file = forms.FileField(
        label="CSV file",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        help_text="A header line, then one image a row. Columns: <code>image_url</code>, "
        "<code>client_ref</code>, and optionally <code>elements</code> (separated by "
        "<code>;</code>), <code>aspect_ratio</code>, <code>product_isolation_prompt</code>.",
    )
    files = MultipleFileField(
        label="Image files",
        required=False,
        help_text="JPEG, PNG or WebP. Each file's name becomes its client_ref.",
    )
    run_url = forms.CharField(label="Image URL", required=False, max_length=parsing.IMAGE_URL_MAX)
    run_client_ref = forms.CharField(label="client_ref", required=False)
    elements = forms.MultipleChoiceField(
        choices=Element.choices,
        required=False,
        initial=[Element.BACKGROUND_REMOVAL],
        widget=forms.CheckboxSelectMultiple,
        help_text="Always run in this order; the price is per stage of each succeeded image.",
    )
    aspect_ratio = forms.ChoiceField(choices=ASPECT_CHOICES, required=False)
    product_isolation_prompt = forms.CharField(
        label="Isolation prompt",
        required=False,
        max_length=parsing.PROMPT_MAX,
        help_text="What to keep, for product isolation, e.g. “the white sneaker”.",
    )
    title = forms.CharField(required=False, max_length=200)
    connection = forms.ModelChoiceField(
        label="Key", queryset=Connection.objects.none(), empty_label=None
    )

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["connection"].queryset = team.connections.active().order_by("-created_at")
        self.plan: Plan | None = None

    def meta_rows(self) -> list[tuple[int, str, str]]:
        """The metadata rows to show: what was posted, then a few empty ones."""
        data = self.data if self.is_bound else {}
        rows = [
            (i, data.get(f"meta_key_{i}", ""), data.get(f"meta_value_{i}", ""))
            for i in range(META_ROWS_MAX)
        ]
        filled = [r for r in rows if r[1].strip() or r[2].strip()]
        return [(n, k, v) for n, (_, k, v) in enumerate(filled)] + [
            (n, "", "") for n in range(len(filled), len(filled) + META_ROWS_SHOWN)
        ]

    def clean(self):
        data = super().clean()
        source = data.get("source") or Source.PASTE
        options = Options(
            elements=data.get("elements") or [],
            aspect_ratio=data.get("aspect_ratio") or "",
            product_isolation_prompt=data.get("product_isolation_prompt") or "",
        )
        plan = Plan(source=source, connection=data.get("connection"), options=options)
        plan.title = data.get("title") or ""
        pairs = [
            (self.data.get(f"meta_key_{i}", ""), self.data.get(f"meta_value_{i}", ""))
            for i in range(META_ROWS_MAX)
        ]
        plan.metadata, meta_errors = parsing.parse_metadata(pairs)
        parsed = self._parse(source, options, plan)
        plan.rows = parsed.rows
        plan.errors = parsed.errors + meta_errors
        self.plan = plan
        return data

    def _parse(self, source: str, options: Options, plan: Plan) -> parsing.Parsed:
        if source == Source.PASTE:
            return parsing.parse_pasted(self.cleaned_data.get("urls") or "", options=options)
        if source == Source.CSV:
            return self._parse_csv(options)
        if source == Source.RUN:
            url = (self.cleaned_data.get("run_url") or "").strip()
            ref = (self.cleaned_data.get("run_client_ref") or "").replace(",", " ").strip()
            if not url:
                return parsing.Parsed(errors=[LineError(0, "Give the image's URL.")])
            parsed = parsing.parse_pasted(f"{url}, {ref}", options=options)
            # one image: its problems need no line number
            parsed.errors = [LineError(0, e.message) for e in parsed.errors]
            return parsed
        return self._check_files(options, plan)

    def _parse_csv(self, options: Options) -> parsing.Parsed:
        upload = self.cleaned_data.get("csv_file")
        if not upload:
            return parsing.Parsed(errors=[LineError(0, "Choose a CSV file.")])
        if upload.size > CSV_MAX_BYTES:
            return parsing.Parsed(errors=[LineError(0, "The CSV is larger than 2 MB.")])
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return parsing.Parsed(errors=[LineError(0, "The CSV is not UTF-8 text.")])
        return parsing.parse_csv(text, options=options)

    def _check_files(self, options: Options, plan: Plan) -> parsing.Parsed:
        parsed = parsing.Parsed()
        files = self.cleaned_data.get("files") or []
        if not options.elements:
            parsed.errors.append(parsing.NO_ELEMENTS)
        if not files:
            parsed.errors.append(LineError(0, "Choose at least one image file."))
        if len(files) > parsing.JOB_MAX_ITEMS:
            parsed.errors.append(
                LineError(0, f"{len(files)} files; one job takes at most {parsing.JOB_MAX_ITEMS}.")
            )
        for number, f in enumerate(files, start=1):
            try:
                upload_check(f)
            except UploadRefused as exc:
                parsed.errors.append(LineError(number, str(exc)))
            else:
                plan.files.append(f)
        return parsed


def _stem(name: str) -> str:
    return (name or "").rsplit(".", 1)[0][: parsing.CLIENT_REF_MAX]
