from django.urls import path

from counseling import views

app_name = "counseling"

urlpatterns = [
    path("", views.handout_list, name="handout-list"),
    path("handouts/<slug:topic>/<str:language>.pdf", views.handout_pdf, name="handout-pdf"),
    path("packet/", views.packet, name="packet"),
    path("households/<str:code>/summary/", views.client_summary, name="client-summary"),
    path("review/", views.review_due, name="review-due"),
    path("court-orders/", views.court_order_list, name="court-order-list"),
    path("versions/<int:pk>/preview.pdf", views.version_preview, name="version-preview"),
]
