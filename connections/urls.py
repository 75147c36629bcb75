from django.urls import path

from showcase.placeholders import placeholder

app_name = "connections"
urlpatterns = [
    path("list/", placeholder, name="list"),
    path("add/", placeholder, name="add"),
]
