from django.urls import path

from showcase.placeholders import placeholder

from . import views

app_name = "gallery"
urlpatterns = [
    path("", views.home, name="home"),
    path("gallery/", placeholder, name="team_gallery"),
    path("showcases/", placeholder, name="showcase_list"),
]
