from django.urls import path, reverse_lazy
from django.views.generic import RedirectView

from actionplans import showcase_views

app_name = "showcases"

urlpatterns = [
    path("", showcase_views.showcase_list, name="list"),
    path("voorbeeldacties.csv", showcase_views.showcase_csv, name="csv"),
    path("voorbeeldacties.json", showcase_views.showcase_json, name="json"),
    path("voorbeeldacties.schema.json", showcase_views.showcase_schema, name="schema"),
    # The columns are described on the dataset's open-data page now; old links still arrive there.
    path(
        "kolommen/",
        RedirectView.as_view(url=reverse_lazy("open_data_dataset", kwargs={"identifier": "voorbeeldacties"})),
        name="columns",
    ),
]
