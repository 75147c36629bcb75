from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", include("gallery.urls")),
    path("accounts/", include("allauth.urls")),
    path("teams/", include("teams.urls")),
    path("keys/", include("connections.urls")),
    path("batches/", include("batches.urls")),
    path("webhooks/", include("batches.webhook_urls")),
    path("guide/", include("guide.urls")),
    path("healthz/", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

if settings.SANDBOX_ENABLED:
    urlpatterns.append(path("sandbox/", include("sandbox.urls")))

if settings.SERVE_MEDIA:
    from django.views.static import serve

    # Only public, unguessable upload URLs are served straight from disk; stage
    # images go through the gallery's access-checked view.
    urlpatterns.append(
        path("media/uploads/<path:path>", serve, {"document_root": settings.MEDIA_ROOT / "uploads"})
    )

handler404 = "showcase.views.not_found"
handler500 = "showcase.views.server_error"
handler403 = "showcase.views.forbidden"
