from django.urls import path

app_name = "counseling"

urlpatterns: list = []
