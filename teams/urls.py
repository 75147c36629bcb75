from django.urls import path

from showcase.placeholders import placeholder

app_name = "teams"
urlpatterns = [
    path("dashboard/", placeholder, name="dashboard"),
    path("create/", placeholder, name="create"),
    path("switch/", placeholder, name="switch"),
    path("settings/", placeholder, name="settings"),
]
