from django.urls import path

from . import views

app_name = "teams"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("create/", views.create, name="create"),
    path("switch/", views.switch, name="switch"),
    path("settings/", views.team_settings, name="settings"),
    path("settings/invite/", views.invite, name="invite"),
    path("settings/leave/", views.leave, name="leave"),
    path(
        "settings/invitations/<uuid:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("settings/members/<int:membership_id>/role/", views.member_role, name="member_role"),
    path("settings/members/<int:membership_id>/remove/", views.member_remove, name="member_remove"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("invitations/<str:token>/accept/", views.invitation_accept, name="invitation_accept"),
]
