from django.apps import AppConfig


class PlenariesConfig(AppConfig):
    name = "plenaries"
    verbose_name = "Kimberley Process record"
