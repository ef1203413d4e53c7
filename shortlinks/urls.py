from django.urls import path

from shortlinks import views

app_name = "shortlinks"
urlpatterns = [path("<str:code>", views.follow, name="follow")]
