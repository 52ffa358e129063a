from django.urls import path

from . import views

app_name = "rewards"

urlpatterns = [
    path("", views.my_rewards, name="mine"),
    path("learners/<int:learner_id>/", views.learner_rewards, name="learner"),
    path("toast/<int:attempt_id>/", views.toast, name="toast"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
