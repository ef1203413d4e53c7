from django.contrib import admin

from accounts.models import User


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
