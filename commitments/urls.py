from django.urls import path

from . import views

urlpatterns = [
    path("commitments.csv", views.open_data_csv, name="open_data_csv"),
    path("commitments.json", views.open_data_json, name="open_data_json"),
]
