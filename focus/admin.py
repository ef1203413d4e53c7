from django.contrib import admin

from focus.models import Event, Item, Notebook


@admin.register(Notebook)
class NotebookAdmin(admin.ModelAdmin):
    list_display = ["user", "page_size", "working_page", "next_position", "acted_on_page"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["user", "position", "text", "state", "repeats", "created_at", "deleted_at"]
    list_filter = ["state", ("deleted_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
    list_select_related = ["user"]
    ordering = ["user", "position"]
    date_hierarchy = "created_at"


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "item", "copy", "undone_at"]
    list_filter = ["kind", ("undone_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email"]
    raw_id_fields = ["user", "item", "copy"]
    list_select_related = ["user", "item", "copy"]
    date_hierarchy = "created_at"
