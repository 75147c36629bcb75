from django.urls import path

from . import views

app_name = "guide"
urlpatterns = [
    path("", views.page, name="index"),
    path("<slug:slug>/", views.page, name="page"),
]
