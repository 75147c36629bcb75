from django.urls import path

from . import public_views, showcase_views, views

app_name = "gallery"
urlpatterns = [
    path("", public_views.home, name="home"),
    # the team's gallery
    path("gallery/", views.team_gallery, name="team_gallery"),
    path("gallery/batch/<uuid:batch_id>/", views.batch_gallery, name="batch_gallery"),
    path("gallery/items/<uuid:pk>/", views.item_detail, name="item"),
    path("gallery/data/", views.gallery_data, name="data"),
    path("images/<uuid:pk>/<str:variant>/", views.stage_image, name="stage_image"),
    # showcases
    path("showcases/", showcase_views.showcase_list, name="showcase_list"),
    path("showcases/star/", showcase_views.star, name="star"),
    path("showcases/target/", showcase_views.set_target, name="set_target"),
    path("showcases/<uuid:pk>/", showcase_views.showcase_detail, name="showcase_detail"),
    path(
        "showcases/<uuid:pk>/items/<uuid:item_id>/<str:action>/",
        showcase_views.showcase_item_action,
        name="showcase_item_action",
    ),
    path(
        "showcases/<uuid:pk>/share/<str:action>/",
        showcase_views.showcase_share,
        name="showcase_share",
    ),
    path("showcases/<uuid:pk>/finals.zip", showcase_views.showcase_zip, name="showcase_zip"),
    path("showcases/<uuid:pk>/present/", showcase_views.showcase_present, name="showcase_present"),
    # a published showcase, for anyone with the link
    path("s/<str:token>/", public_views.public_showcase, name="public_showcase"),
    path("s/<str:token>/present/", public_views.public_present, name="public_present"),
    path("s/<str:token>/items/<uuid:pk>/", public_views.public_item, name="public_item"),
    path("s/<str:token>/data/", public_views.public_data, name="public_data"),
    path("s/<str:token>/finals.zip", public_views.public_zip, name="public_zip"),
    path(
        "s/<str:token>/images/<uuid:pk>/<str:variant>/",
        views.public_stage_image,
        name="public_stage_image",
    ),
]
