from django.urls import path

from actionplans import ladder_views

app_name = "ladder"

urlpatterns = [
    path("organisaties/<slug:code>/uitstel/", ladder_views.extension_request, name="extension_request"),
]
