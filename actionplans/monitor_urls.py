from django.urls import path

from actionplans import monitor_views

app_name = "monitor"

urlpatterns = [
    path("", monitor_views.index, name="index"),
    path("data.csv", monitor_views.data_csv, name="data_csv"),
    path("data.json", monitor_views.data_json, name="data_json"),
    path("data.xlsx", monitor_views.data_xlsx, name="data_xlsx"),
    path("data.schema.json", monitor_views.data_schema, name="data_schema"),
    path("indicatoren/", monitor_views.indicators, name="indicators"),
    path("indicatoren/data.csv", monitor_views.indicators_csv, name="indicators_csv"),
    path("indicatoren/data.json", monitor_views.indicators_json, name="indicators_json"),
    path("indicatoren/data.schema.json", monitor_views.indicators_schema, name="indicators_schema"),
    path("productgroepen/", monitor_views.product_groups, name="product_groups"),
    path("productgroepen/data.csv", monitor_views.product_groups_csv, name="product_groups_csv"),
    path("productgroepen/data.json", monitor_views.product_groups_json, name="product_groups_json"),
    path("productgroepen/data.schema.json", monitor_views.product_groups_schema, name="product_groups_schema"),
]
