from django.urls import path

from showcase.placeholders import placeholder

app_name = "guide"
urlpatterns = [
    path("index/", placeholder, name="index"),
]
