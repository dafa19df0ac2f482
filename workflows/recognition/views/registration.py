"""The registration dossier on the dossier page: its documents, and the acknowledgement by
the police office the routing names (Circular 124, Art. 9 cl. 2 a)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from dossiers.models import Dossier, RegistrationDocument
from dossiers.services import DomainError
from workflows.receipts import one_time_step, page

from .. import services
from .lists import dossier_for_action


@login_required
@require_POST
@one_time_step(page("dossier-detail"))
def registration_acknowledge(request, pk):
    dossier = dossier_for_action(request, pk, "review")
    try:
        services.registration_acknowledge(acting_user=request.user, dossier=dossier)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Đã tiếp nhận hồ sơ đăng ký.")
    return redirect("dossier-detail", pk=dossier.pk)


@login_required
def registration_document_download(request, pk):
    document = get_object_or_404(
        RegistrationDocument.objects.filter(
            registration__dossier__in=Dossier.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
