from django.urls import path, re_path

from . import views

app_name = "sandbox"
MODEL = "v1/models/runflow/dyver-removal"
urlpatterns = [
    path(f"{MODEL}/batches", views.batch_create, name="batch_create"),
    path(f"{MODEL}/runs", views.run_create, name="run_create"),
    path("v1/batches/<uuid:batch_id>", views.batch_detail, name="batch_detail"),
    path("v1/batches/<uuid:batch_id>/cancel", views.batch_cancel, name="batch_cancel"),
    path("v1/runs/<uuid:run_id>", views.run_detail, name="run_detail"),
    path("v1/callback-secrets", views.secret_create, name="secret_create"),
    path("files/runs/<uuid:run_id>/<str:name>", views.run_file, name="run_file"),
    path("files/<uuid:batch_id>/<uuid:item_id>/<str:name>", views.file, name="file"),
    re_path(r"^v1/(?P<rest>.*)$", views.unknown),
]
