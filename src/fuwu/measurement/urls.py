"""Pages of measurement: inspections and internal audits."""

app_name = "measurement"
urlpatterns: list = []
