"""Hồ sơ cá nhân: one's e-mail address, and a link to change one's password (Django's
PasswordChangeView, in Vietnamese)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from . import services
from .forms import EmailForm, PasswordChangeForm


@login_required
def profile(request):
    form = EmailForm(request.POST or None, initial={"email": request.user.email})
    if request.method == "POST" and form.is_valid():
        services.email_set(
            acting_user=request.user, user=request.user, email=form.cleaned_data["email"]
        )
        messages.success(request, "Đã lưu địa chỉ thư điện tử.")
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("profile")

    def form_valid(self, form):
        messages.success(self.request, "Đã đổi mật khẩu.")
        return super().form_valid(form)
