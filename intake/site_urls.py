"""The season page's URLs, included by clinic/site_urls.py under its ``sites`` namespace."""

from django.urls import path

from intake.season import views as season_views

urlpatterns = [
    path("season/", season_views.season_report_view, name="season-report"),
    path("season.csv", season_views.season_report_csv, name="season-report-csv"),
]
