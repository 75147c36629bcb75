from django.urls import path

from . import views

app_name = "batches"
urlpatterns = [
    path("", views.batch_list, name="list"),
    path("new/", views.batch_new, name="new"),
    path("<uuid:pk>/", views.batch_detail, name="detail"),
    path("<uuid:pk>/cancel/", views.batch_cancel_view, name="cancel"),
    path("<uuid:pk>/retry/", views.batch_retry, name="retry"),
    path("<uuid:pk>/refresh/", views.batch_refresh_view, name="refresh"),
    path("<uuid:pk>/results.zip", views.download_zip, name="download_zip"),
    path("<uuid:pk>/results.csv", views.export_csv, name="export_csv"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job"),
    path("webhooks/", views.webhook_log, name="webhook_log"),
    path("webhooks/<uuid:pk>/", views.delivery_detail, name="delivery_detail"),
    path("webhooks/<uuid:pk>/replay/", views.delivery_replay_view, name="delivery_replay"),
    path("uploads/<str:token>/<str:name>", views.upload_public, name="upload_public"),
]
