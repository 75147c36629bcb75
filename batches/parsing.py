"""What a person typed or uploaded, turned into rows and named errors.

Pure functions, no HTTP and no database: each returns the good rows and, for every
bad line, a `LineError(line, message)` whose message says what is wrong in words.
The contract's limits (runflow-contract.md) are applied here first, so Runflow
never answers 422 for something we could have said before sending.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from .stages import ELEMENT_ORDER, Element, ordered_elements

CLIENT_REF_MAX = 255
METADATA_MAX_BYTES = 16 * 1024
JOB_MAX_ITEMS = 500
IMAGE_URL_MAX = 2000
PROMPT_MAX = 1000
ASPECT_RATIOS = ["1:1", "4:5", "3:4", "2:3", "9:16", "16:9"]
ASPECT_PART_MAX = 100  # "small positive integers"

CSV_REQUIRED = ("image_url",)
CSV_COLUMNS = ("image_url", "client_ref", "elements", "aspect_ratio", "product_isolation_prompt")

_url_validator = URLValidator(schemes=["http", "https"])
_aspect_re = re.compile(r"^([1-9][0-9]*):([1-9][0-9]*)$")
_element_split_re = re.compile(r"[\s;|,+]+")


@dataclass(frozen=True)
class LineError:
    line: int  # 1-based; 0 for the whole input
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}" if self.line else self.message


@dataclass
class Options:
    """The form's shared options; a CSV row may override elements, ratio and prompt."""

    elements: list[str] = field(default_factory=list)
    aspect_ratio: str = ""
    product_isolation_prompt: str = ""


@dataclass
class Row:
    line: int
    image_url: str
    client_ref: str = ""
    elements: list[str] = field(default_factory=list)
    aspect_ratio: str = ""
    product_isolation_prompt: str = ""


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


# --- single values ------------------------------------------------------------------


def check_url(value: str) -> str | None:
    """None when `value` is an http(s) URL we may hand to Runflow, else why not."""
    if not value:
        return "no image URL."
    if len(value) > IMAGE_URL_MAX:
        return f"the URL is longer than {IMAGE_URL_MAX} characters."
    if not re.match(r"^https?://", value, re.IGNORECASE):
        return f"“{_short(value)}” is not an http:// or https:// URL."
    try:
        _url_validator(value)
    except ValidationError:
        return f"“{_short(value)}” is not a valid URL."
    return None


def check_client_ref(value: str) -> str | None:
    if len(value) > CLIENT_REF_MAX:
        return f"client_ref is {len(value)} characters long; the limit is {CLIENT_REF_MAX}."
    return None


def check_aspect_ratio(value: str) -> str | None:
    if not value:
        return None
    match = _aspect_re.match(value)
    if not match or max(int(match[1]), int(match[2])) > ASPECT_PART_MAX:
        return (
            f"aspect ratio “{_short(value)}” is not W:H with small positive whole numbers "
            "(for example 1:1, 4:5 or 16:9)."
        )
    return None


def check_elements(values: list[str]) -> str | None:
    unknown = [v for v in values if v not in ELEMENT_ORDER]
    if unknown:
        names = ", ".join(f"“{_short(v, 40)}”" for v in unknown)
        known = ", ".join(ELEMENT_ORDER)
        noun = "element" if len(unknown) == 1 else "elements"
        return f"unknown {noun} {names}; the elements are {known}."
    if not values:
        return "no elements: name some in the elements column or tick at least one above."
    return None


def split_elements(value: str) -> list[str]:
    """A CSV cell such as `tag_removal;background_removal` (also `|`, `+`, spaces)."""
    return [v.strip().lower() for v in _element_split_re.split(value) if v.strip()]


def element_labels(values: list[str]) -> list[str]:
    labels = dict(Element.choices)
    return [labels.get(v, v) for v in ordered_elements(values)]


# --- inputs -------------------------------------------------------------------------


NO_ELEMENTS = LineError(0, "Tick at least one element.")


def _finish(row: Row, errors: list[LineError], *, check_rows_elements: bool = True) -> Row | None:
    """Check one row; record each problem on its line; return the row if it is good."""
    problems = [
        check_url(row.image_url),
        check_client_ref(row.client_ref),
        check_elements(row.elements) if check_rows_elements else None,
        check_aspect_ratio(row.aspect_ratio),
    ]
    if len(row.product_isolation_prompt) > PROMPT_MAX:
        problems.append(f"the isolation prompt is longer than {PROMPT_MAX} characters.")
    problems = [p for p in problems if p]
    if problems:
        errors.extend(LineError(row.line, _sentence(p)) for p in problems)
        return None
    row.elements = ordered_elements(row.elements)
    return row


def parse_pasted(text: str, *, options: Options) -> Parsed:
    """One image a line: `url` or `url, client_ref`. Blank lines and `#` comments skipped."""
    parsed = Parsed()
    if not options.elements:
        parsed.errors.append(NO_ELEMENTS)
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        url, _, ref = line.partition(",")
        row = Row(
            line=number,
            image_url=url.strip(),
            client_ref=ref.strip(),
            elements=list(options.elements),
            aspect_ratio=options.aspect_ratio,
            product_isolation_prompt=options.product_isolation_prompt,
        )
        if good := _finish(row, parsed.errors, check_rows_elements=bool(options.elements)):
            parsed.rows.append(good)
    if not parsed.rows and parsed.errors in ([], [NO_ELEMENTS]):
        parsed.errors.append(LineError(0, "Paste at least one image URL, one a line."))
    return _cap(parsed)


def parse_csv(text: str, *, options: Options) -> Parsed:
    """A header line naming `image_url` (and optionally `client_ref`, `elements`,
    `aspect_ratio`, `product_isolation_prompt`), then one image a row."""
    parsed = Parsed()
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return Parsed(errors=[LineError(1, f"The CSV could not be read ({exc}).")])
    if not header or not any(h.strip() for h in header):
        return Parsed(errors=[LineError(0, "The CSV is empty: it needs a header line.")])
    columns = [h.strip().lower() for h in header]
    missing = [c for c in CSV_REQUIRED if c not in columns]
    unknown = [c for c in columns if c and c not in CSV_COLUMNS]
    if missing:
        hint = " The first line must be a header." if check_url(header[0].strip()) is None else ""
        parsed.errors.append(
            LineError(
                1,
                f"The CSV has no {', '.join(missing)} column.{hint} "
                f"The columns are {', '.join(CSV_COLUMNS)}.",
            )
        )
    if unknown:
        names = ", ".join(f"“{_short(c, 40)}”" for c in unknown)
        parsed.errors.append(
            LineError(1, f"Unknown column {names}; the columns are {', '.join(CSV_COLUMNS)}.")
        )
    if parsed.errors:
        return parsed
    per_row_elements = "elements" in columns
    if not per_row_elements and not options.elements:
        parsed.errors.append(NO_ELEMENTS)
    try:
        for cells in reader:
            number = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(columns):
                parsed.errors.append(
                    LineError(
                        number, f"{len(cells)} fields, but the header names {len(columns)} columns."
                    )
                )
                continue
            values = dict(zip(columns, (c.strip() for c in cells), strict=False))
            elements = split_elements(values.get("elements", "")) or list(options.elements)
            row = Row(
                line=number,
                image_url=values.get("image_url", ""),
                client_ref=values.get("client_ref", ""),
                elements=elements,
                aspect_ratio=values.get("aspect_ratio", "") or options.aspect_ratio,
                product_isolation_prompt=values.get("product_isolation_prompt", "")
                or options.product_isolation_prompt,
            )
            if good := _finish(
                row, parsed.errors, check_rows_elements=per_row_elements or bool(options.elements)
            ):
                parsed.rows.append(good)
    except csv.Error as exc:
        parsed.errors.append(LineError(reader.line_num, f"The CSV could not be read ({exc})."))
    if not parsed.rows and parsed.errors in ([], [NO_ELEMENTS]):
        parsed.errors.append(LineError(0, "The CSV has a header but no rows."))
    return _cap(parsed)


def parse_metadata(pairs: list[tuple[str, str]]) -> tuple[dict, list[LineError]]:
    """Key/value rows (numbered from 1 in the messages); blank rows skipped."""
    metadata: dict[str, str] = {}
    errors: list[LineError] = []
    for number, (key, value) in enumerate(pairs, start=1):
        key, value = key.strip(), value.strip()
        if not key and not value:
            continue
        if not key:
            errors.append(LineError(0, f"Metadata row {number} has a value but no key."))
        elif key in metadata:
            errors.append(LineError(0, f"Metadata key “{_short(key, 40)}” is repeated."))
        else:
            metadata[key] = value
    size = len(json.dumps(metadata, ensure_ascii=False).encode())
    if size > METADATA_MAX_BYTES:
        errors.append(
            LineError(0, f"Metadata is {size:,} bytes; the limit is {METADATA_MAX_BYTES:,}.")
        )
    return metadata, errors


def split_into_batches(count: int, size: int | None = None) -> list[int]:
    """How many items each batch of a job gets: 240 → [100, 100, 40]."""
    size = size or settings.RUNFLOW_MAX_BATCH_ITEMS
    return [min(size, count - start) for start in range(0, count, size)]


def _cap(parsed: Parsed) -> Parsed:
    if len(parsed.rows) > JOB_MAX_ITEMS:
        parsed.errors.append(
            LineError(0, f"{len(parsed.rows)} images; one job takes at most {JOB_MAX_ITEMS}.")
        )
    return parsed


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
