from django.urls import path

from . import views

app_name = "connections"
urlpatterns = [
    path("", views.connection_list, name="list"),
    path("add/", views.connection_add, name="add"),
    path("<uuid:pk>/revoke/", views.connection_revoke_view, name="revoke"),
]
