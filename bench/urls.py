"""The project's urls plus a bare view, for the webhook benchmark's baseline."""

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from showcase.urls import urlpatterns as project_urlpatterns


@csrf_exempt
@require_POST
def bare(request):
    return JsonResponse({"received": True, "bytes": len(request.body)})


urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]
