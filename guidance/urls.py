from django.urls import path

from guidance import views

app_name = "guidance"

urlpatterns = [
    path("kennisbank/", views.index, name="index"),
    path("kennisbank/zoeken/", views.search, name="search"),
    path("kennisbank/feed/", views.LatestPagesFeed(), name="feed"),
    path("kennisbank/voorbeeld/<int:pk>/", views.page_preview, name="page_preview"),
    path("kennisbank/<slug:slug>/", views.page_detail, name="page_detail"),
    path("kennisbank/<slug:slug>/feedback/", views.page_feedback, name="page_feedback"),
    path("themas/", views.theme_list, name="theme_list"),
    path("kennisbank/<slug:slug>/feedback/wat-miste-u/", views.page_feedback_missing, name="page_feedback_missing"),
    path("themas/<slug:slug>/", views.theme_detail, name="theme_detail"),
    path("tools/", views.resource_list, name="resource_list"),
    path("contact/", views.contact, name="contact"),
    path("contact/verzonden/", views.contact_done, name="contact_done"),
]
