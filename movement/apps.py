from django.apps import AppConfig


class MovementConfig(AppConfig):
    name = "movement"
    verbose_name = "Phong trào, kiểm tra và Mặt trận"

    def build_demo(self, summary):
        """Called by `seed_demo` after the province and its dossiers exist."""
        from .demo import build_demo

        build_demo(summary)
