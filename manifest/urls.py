from django.urls import path

from manifest import views

app_name = "manifest"

urlpatterns = [
    path("organisaties/", views.organisation_list, name="organisation_list"),
    path("organisaties/<slug:code>/", views.organisation_detail, name="organisation_detail"),
    path("mijn-omgeving/lidmaatschap-aanvragen/", views.membership_request, name="membership_request"),
    path("manifest/", views.index, name="index"),
    path("manifest/ondertekenen/", views.sign, name="sign"),
    path("manifest/ondertekenen/bestuurder/", views.sign_signatory, name="sign_signatory"),
    path("manifest/ondertekenen/contactpersoon/", views.sign_contact, name="sign_contact"),
    path("manifest/ondertekenen/controleren/", views.sign_review, name="sign_review"),
    path("manifest/ondertekenen/ingediend/", views.sign_done, name="sign_done"),
    path(
        "manifest/ondertekeningen/<uuid:public_id>/intrekken/",
        views.signature_withdraw_view,
        name="signature_withdraw",
    ),
    path("manifest/ondertekenaars/", views.register, name="register"),
    path("manifest/ondertekenaars.csv", views.register_csv, name="register_csv"),
    path("manifest/ondertekenaars.json", views.register_json, name="register_json"),
    path("manifest/ondertekenaars.schema.json", views.register_schema, name="register_schema"),
    path("manifest/open-data/", views.open_data, name="open_data"),
    path("manifest/<slug:slug>/", views.edition_detail, name="edition_detail"),
]
