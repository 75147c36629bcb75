from django.urls import path

from . import webhooks

app_name = "webhooks"
urlpatterns = [
    path("runflow/<uuid:token>/", webhooks.runflow, name="runflow"),
]
