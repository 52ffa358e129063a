from django.urls import path

from . import views

app_name = "dynamic"

urlpatterns = [
    path("", views.explorer, name="explorer"),
    path("look-up/", views.lookup, name="lookup"),
    path("my-words/", views.my_words, name="my_words"),
    path("words/<str:word>/", views.entry, name="entry"),
    path("words/<str:word>/picture/", views.picture, name="picture"),
    path("words/<str:word>/picture.png", views.picture_file, name="picture_file"),
    path("words/<str:word>/add/", views.add_word, name="add_word"),
    path("words/<str:word>/remove/", views.remove_word, name="remove_word"),
    path("words/<str:word>/tries/", views.submit_try, name="submit_try"),
    path("tries/<int:try_id>/", views.try_detail, name="try"),
]
