"""/api/v1/ and the token page; included from duban/web/urls.py."""

from django.urls import path

from duban.web.api import pages
from duban.web.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("account/tokens/", pages.tokens_page, name="api_tokens"),
    path("account/tokens/<id:token_id>/revoke/", pages.token_revoke_view, name="api_token_revoke"),
]
