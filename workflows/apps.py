from django.apps import AppConfig

from notifications import registry


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = "Quy trình"

    def ready(self):
        """Lend the notifications what they need to know of each flow
        (notifications.registry): notifications never import a workflow."""
        # Imported here: these modules import models, which exist only once apps are loaded.
        from .models import TaskDeadline
        from .recognition.events import FLOW as RECOGNITION
        from .rewards.events import FLOW as REWARDS

        registry.register(RECOGNITION, fallback=True)
        registry.register(REWARDS)
        registry.register_deadlines(TaskDeadline)
