"""The round's guarded steps and the office's review queue (the older round routes are in
duban/web/urls.py)."""

from django.urls import path

from duban.web.rounds import bulletin, guards, queue

urlpatterns = [
    path("rounds/<id:period_id>/close/", guards.round_close, name="round_close"),
    path("rounds/<id:period_id>/queue/", queue.queue_page, name="review_queue"),
    path("rounds/<id:period_id>/queue/accept/", queue.queue_accept, name="queue_accept"),
    path("periods/<id:period_id>/bulletin/", bulletin.bulletin_form, name="bulletin_form"),
    path("periods/<id:period_id>/publish/", guards.period_publish, name="period_publish"),
    path("periods/<id:period_id>/unpublish/", guards.period_unpublish, name="period_unpublish"),
    path("reports/<id:report_id>/withdraw/", guards.report_withdraw, name="report_withdraw"),
]
