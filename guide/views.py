from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import snippets

# slug, title, snippet builder; the order is the guide's reading order.
SECTIONS = [
    ("", "Get started", snippets.setup),
    ("first-request", "First request", snippets.first_request),
    ("batches", "Batches", snippets.batches),
    ("results", "Get results", snippets.results),
    ("callbacks", "Callbacks", snippets.callbacks),
    ("errors", "Errors & limits", snippets.errors),
]


@require_GET
def page(request: HttpRequest, slug: str = "") -> HttpResponse:
    index = next((i for i, s in enumerate(SECTIONS) if s[0] == slug), None)
    if index is None:
        raise Http404("No such guide page")
    slug, title, build = SECTIONS[index]
    reader = snippets.reader_for(request)
    context = {
        "sections": [(s, t) for s, t, _ in SECTIONS],
        "slug": slug,
        "title": title,
        "reader": reader,
        "snippets": {s.id: s for s in build(reader)},
        "previous": SECTIONS[index - 1][:2] if index > 0 else None,
        "next": SECTIONS[index + 1][:2] if index + 1 < len(SECTIONS) else None,
        "max_items": snippets.max_items(),
    }
    return render(request, f"guide/{slug or 'get-started'}.html", context)
