from django.urls import path

from showcase.placeholders import placeholder

app_name = "batches"
urlpatterns = [
    path("list/", placeholder, name="list"),
    path("new/", placeholder, name="new"),
]
