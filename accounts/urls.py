from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("delete/", views.delete_account, name="delete"),
    path("family/", views.family, name="family"),
    path("family/code/", views.make_code, name="make_code"),
    path("family/link/", views.enter_code, name="enter_code"),
    path("family/links/<int:link_id>/remove/", views.remove_link, name="remove_link"),
    path("family/children/new/", views.new_child, name="new_child"),
    path("family/children/<int:learner_id>/", views.child, name="child"),
    path("child-login/", views.child_login, name="child_login"),
]
