from django.urls import path

from actionplans import journey_views, report_views, views

app_name = "actionplans"

urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.plan_create, name="plan_create"),
    path("nieuw/op-basis-van/<uuid:uuid>/", journey_views.plan_copy, name="plan_copy"),
    path("openbaar/", views.published_list, name="published_list"),
    path("openbaar/<uuid:uuid>/", views.published_detail, name="published_detail"),
    path("openbaar/<uuid:uuid>/actieplan.pdf", views.published_pdf, name="published_pdf"),
    path("openbaar/<uuid:uuid>/actieplan.docx", views.published_docx, name="published_docx"),
    path("<uuid:uuid>/", views.plan_detail, name="plan_detail"),
    path("<uuid:uuid>/bewerken/", views.plan_edit, name="plan_edit"),
    path("<uuid:uuid>/vaststellen/", views.plan_adopt, name="plan_adopt"),
    path("<uuid:uuid>/publiceren/", views.plan_publish, name="plan_publish"),
    path("<uuid:uuid>/terug-naar-concept/", views.plan_unpublish, name="plan_unpublish"),
    path("<uuid:uuid>/verwijderen/", views.plan_delete, name="plan_delete"),
    path("<uuid:uuid>/geschiedenis/", views.plan_history, name="plan_history"),
    path("<uuid:uuid>/afdrukken/", views.plan_print, name="plan_print"),
    path("<uuid:uuid>/export.csv", views.plan_csv, name="plan_csv"),
    path("<uuid:uuid>/export.pdf", views.plan_pdf, name="plan_pdf"),
    path("<uuid:uuid>/export.docx", views.plan_docx, name="plan_docx"),
    path("<uuid:uuid>/importeren/", views.plan_import, name="plan_import"),
    path("<uuid:uuid>/importeren/toepassen/", views.plan_import_apply, name="plan_import_apply"),
    path("<uuid:uuid>/doelen/nieuw/", views.goal_create, name="goal_create"),
    path("<uuid:uuid>/doelen/<int:goal_id>/bewerken/", views.goal_edit, name="goal_edit"),
    path("<uuid:uuid>/doelen/<int:goal_id>/verwijderen/", views.goal_delete, name="goal_delete"),
    path("<uuid:uuid>/doelen/<int:goal_id>/verplaatsen/", views.goal_move, name="goal_move"),
    path("<uuid:uuid>/doelen/<int:goal_id>/acties/nieuw/", views.action_create, name="action_create"),
    path("<uuid:uuid>/acties/<int:action_id>/bewerken/", views.action_edit, name="action_edit"),
    path("<uuid:uuid>/acties/<int:action_id>/verwijderen/", views.action_delete, name="action_delete"),
    path("<uuid:uuid>/acties/<int:action_id>/verplaatsen/", views.action_move, name="action_move"),
    path("<uuid:uuid>/acties/<int:action_id>/voortgang/", views.action_progress, name="action_progress"),
    path("<uuid:uuid>/rapportage/", report_views.report_index, name="report_index"),
    path("<uuid:uuid>/rapportage/<int:year>/", report_views.report_detail, name="report_detail"),
    path("<uuid:uuid>/rapportage/<int:year>/indienen/", report_views.report_submit, name="report_submit"),
    path("<uuid:uuid>/rapportage/<int:year>/vergelijking/", report_views.report_compare, name="report_compare"),
    path("rapportages/<int:year>/", report_views.report_overview, name="report_overview"),
    path("rapportages/export.csv", report_views.report_export, name="report_export"),
]
