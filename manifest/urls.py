app_name = "manifest"

urlpatterns: list = []
