"""The Django admin is for superusers only, and shows no client data (that is audited
through the app's own pages)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from trellis.accounts.forms import AdminSignInForm
from trellis.accounts.models import Practice, User


def superuser_only(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


admin.site.has_permission = superuser_only  # type: ignore[method-assign]
admin.site.site_header = "Trellis administration"
admin.site.login_form = AdminSignInForm


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # ModelAdmin[...] fails at run time
    list_display = ("name", "created_at")


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]  # UserAdmin[...] fails at run time
    ordering = ("email",)
    list_display = ("email", "full_name", "practice", "role", "is_active")
    list_filter = ("practice", "role", "is_active")
    search_fields = ("email", "full_name")
    filter_horizontal = ("supervisees", "groups", "user_permissions")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "credentials")}),
        ("Practice", {"fields": ("practice", "role", "supervisees")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = (
        (None, {"fields": ("email", "full_name", "practice", "role", "password1", "password2")}),
    )
