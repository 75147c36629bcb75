"""Temporary: named routes that a part under construction will replace."""

from django.http import HttpResponse


def placeholder(request, *args, **kwargs):
    return HttpResponse("This part is being built.", status=501)
