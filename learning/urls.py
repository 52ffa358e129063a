from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("", views.levels, name="levels"),
    path("levels/<int:order>/", views.level_detail, name="level"),
    path("words/<int:word_id>/", views.practice, name="practice"),
    path("words/<int:word_id>/attempts/", views.submit_attempt, name="submit_attempt"),
    path("words/<int:word_id>/history/", views.word_history, name="history"),
    path("attempts/<int:attempt_id>/", views.attempt_detail, name="attempt"),
    path("attempts/<int:attempt_id>/recording/", views.attempt_recording, name="attempt_recording"),
    path("speech/<str:speed>/<str:text>/", views.speech, name="speech"),
]
