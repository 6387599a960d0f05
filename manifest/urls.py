from django.urls import path

from manifest import views

app_name = "manifest"

urlpatterns = [
    path("organisaties/", views.organisation_list, name="organisation_list"),
    path("organisaties/<slug:code>/", views.organisation_detail, name="organisation_detail"),
    path("mijn-omgeving/lidmaatschap-aanvragen/", views.membership_request, name="membership_request"),
]
