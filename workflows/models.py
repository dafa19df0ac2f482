from viewflow.workflow.models import Process


class RecognitionProcess(Process):
    """Thin: the dossier is the real model (Dossier.process); gateways ask it."""

    class Meta:
        proxy = True
        verbose_name = "quy trình công nhận"
        verbose_name_plural = "quy trình công nhận"

    def status_is(self, *statuses) -> bool:
        return self.dossier.status in statuses
