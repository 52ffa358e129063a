from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("family/", views.family, name="family"),
    path("learners/<int:learner_id>/", views.learner, name="learner"),
    path("learners/<int:learner_id>/export/", views.export, name="export"),
]
