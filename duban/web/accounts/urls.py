from django.urls import path

from duban.web.accounts import sso, views

urlpatterns = [
    path("orgs/<id:org_id>/accounts/", views.accounts_page, name="accounts"),
    path("orgs/<id:org_id>/accounts/import/", views.roster_upload, name="roster_upload"),
    path("orgs/<id:org_id>/accounts/import/confirm/", views.roster_confirm, name="roster_confirm"),
    path(
        "orgs/<id:org_id>/accounts/import/template.xlsx",
        views.roster_template,
        name="roster_template",
    ),
    path(
        "orgs/<id:org_id>/accounts/<id:member_id>/password/",
        views.password_reset,
        name="account_password_reset",
    ),
    path("orgs/<id:org_id>/units/<id:unit_id>/hand-over/", views.hand_over, name="hand_over"),
    # Before django.contrib.auth's own: log-in with the SSO button, the change form that ends a
    # forced change.
    path("accounts/login/", views.login, name="login"),
    path("accounts/password_change/", views.password_change, name="password_change"),
    path("accounts/sso/start/", sso.sso_start, name="sso_start"),
    path("accounts/sso/callback/", sso.sso_callback, name="sso_callback"),
]
