from django.urls import path

from actionplans import showcase_views

app_name = "showcases"

urlpatterns = [
    path("", showcase_views.showcase_list, name="list"),
    path("voorbeeldacties.csv", showcase_views.showcase_csv, name="csv"),
    path("voorbeeldacties.json", showcase_views.showcase_json, name="json"),
    path("kolommen/", showcase_views.showcase_columns, name="columns"),
]
