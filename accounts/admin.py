from django.contrib import admin

from accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "is_validated", "language", "date_joined", "last_login", "is_staff")
    list_filter = ("is_validated", "language", "is_staff")
    search_fields = ("email",)
    readonly_fields = ("date_joined", "last_login", "session_version")
    ordering = ("-date_joined",)
    fields = (
        "email",
        "is_validated",
        "language",
        "is_active",
        "is_staff",
        "is_superuser",
        "date_joined",
        "last_login",
        "session_version",
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff see tokens and may revoke one (set its revoked time); only owners make them, and
    the hash is never shown."""

    list_display = ("name", "user", "scope", "created_at", "last_used_at", "revoked_at")
    list_filter = ("scope", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("name", "user__email")
    fields = ("user", "name", "scope", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("user", "name", "scope", "created_at", "last_used_at")
    ordering = ("-created_at",)

    def has_add_permission(self, request) -> bool:
        return False
