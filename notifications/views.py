from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .models import Event, Notification, Preference
from .services import notification_mark_read, preference_set


@login_required
def notification_list(request):
    rows = Notification.objects.filter(recipient=request.user, in_app=True)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_read(request):
    ids = None  # no id: mark everything read
    if "id" in request.POST:
        ids = [v for v in request.POST.getlist("id") if v.isascii() and v.isdigit()]
    notification_mark_read(acting_user=request.user, notification_ids=ids)
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect("notification-list")


@login_required
def preferences(request):
    saved = {p.event: p for p in Preference.objects.filter(user=request.user)}
    if request.method == "POST":
        for event in Event.values:
            preference_set(
                acting_user=request.user,
                event=event,
                in_app=f"in_app_{event}" in request.POST,
                email=f"email_{event}" in request.POST,
                digest=request.POST.get(f"mode_{event}") == "digest",
            )
        messages.success(request, "Đã lưu tùy chọn nhận thông báo.")
        return redirect("notification-preferences")
    rows = [
        {"event": value, "label": label, "pref": saved.get(value) or Preference(event=value)}
        for value, label in Event.choices
    ]
    return render(request, "notifications/preferences.html", {"rows": rows})
