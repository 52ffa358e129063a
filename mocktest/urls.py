from django.urls import path

from . import views

app_name = "mocktest"

urlpatterns = [
    path("levels/<int:order>/", views.level_intro, name="level"),
    path("levels/<int:order>/start/", views.start, name="start"),
    path("<int:test_id>/", views.take, name="take"),
    path("<int:test_id>/items/<int:item_id>/", views.submit, name="submit"),
    path("<int:test_id>/result/", views.result, name="result"),
    path("<int:test_id>/report/", views.report, name="report"),
]
