from django.urls import path

from manifest.views import editions, mandates, memberships, organisations, register, signing

app_name = "manifest"

urlpatterns = [
    path("organisaties/", organisations.organisation_list, name="organisation_list"),
    path("organisaties/<slug:code>/", organisations.organisation_detail, name="organisation_detail"),
    path("mijn-omgeving/lidmaatschap-aanvragen/", memberships.membership_request, name="membership_request"),
    path(
        "mijn-omgeving/organisaties/<slug:code>/leden/", memberships.organisation_members, name="organisation_members"
    ),
    path("mijn-omgeving/organisaties/<slug:code>/leden/rol/", memberships.member_role, name="member_role"),
    path("mijn-omgeving/organisaties/<slug:code>/leden/verwijderen/", memberships.member_remove, name="member_remove"),
    path(
        "mijn-omgeving/organisaties/<slug:code>/coordinator-worden/",
        memberships.coordinator_request,
        name="coordinator_request",
    ),
    path("mijn-omgeving/organisaties/<slug:code>/vertrekken/", memberships.membership_leave, name="membership_leave"),
    path(
        "mijn-omgeving/organisaties/<slug:code>/samenwerking/",
        mandates.organisation_mandates,
        name="organisation_mandates",
    ),
    path(
        "mijn-omgeving/organisaties/<slug:code>/samenwerking/toekennen/",
        mandates.mandate_grant,
        name="mandate_grant",
    ),
    path(
        "mijn-omgeving/organisaties/<slug:code>/samenwerking/intrekken/",
        mandates.mandate_revoke,
        name="mandate_revoke",
    ),
    path("manifest/", editions.index, name="index"),
    path("manifest/ondertekenen/", signing.sign, name="sign"),
    path("manifest/ondertekenen/bestuurder/", signing.sign_signatory, name="sign_signatory"),
    path("manifest/ondertekenen/contactpersoon/", signing.sign_contact, name="sign_contact"),
    path("manifest/ondertekenen/controleren/", signing.sign_review, name="sign_review"),
    path("manifest/ondertekenen/ingediend/", signing.sign_done, name="sign_done"),
    path(
        "manifest/ondertekeningen/<uuid:public_id>/intrekken/",
        signing.signature_withdraw_view,
        name="signature_withdraw",
    ),
    path("manifest/ondertekenaars/", register.register, name="register"),
    path("manifest/ondertekenaars.csv", register.register_csv, name="register_csv"),
    path("manifest/ondertekenaars.json", register.register_json, name="register_json"),
    path("manifest/ondertekenaars.xlsx", register.register_xlsx, name="register_xlsx"),
    path("manifest/ondertekenaars.schema.json", register.register_schema, name="register_schema"),
    path("manifest/open-data/", register.open_data, name="open_data"),
    path("manifest/<slug:slug>/", editions.edition_detail, name="edition_detail"),
]
