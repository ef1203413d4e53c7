from django.contrib import admin

from shortlinks.models import ShortLink


@admin.register(ShortLink)
class ShortLinkAdmin(admin.ModelAdmin):
    # The target of a login link holds a token: never show it.
    list_display = ("id", "created_at", "expires_at", "use_count", "max_uses")
    fields = ("created_at", "expires_at", "use_count", "max_uses")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
