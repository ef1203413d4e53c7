"""The floors: plain Django views doing what the GraphQL operations do, as JSON.

`items` is the `items` query's page read; `item_create` and `item_complete` call the same
services as the `createItem` and `completeItem` mutations, so every row of the benchmark has a
plain-Django figure for the same work beside it.
"""

import json

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from focus.models import Item
from focus.selectors import items_for_page, notebook_of
from focus.services import item_complete, item_create


def _row(item: Item, page_size: int) -> dict[str, object]:
    """The fields the SPA's ItemFields fragment asks for."""
    return {
        "__typename": "Item",
        "id": str(item.pk),
        "text": item.text,
        "state": item.state.upper(),
        "repeats": item.repeats,
        "position": item.position,
        "page": item.page_for(page_size),
        "createdAt": item.created_at.isoformat(),
    }


def items(request: HttpRequest) -> JsonResponse:
    """The signed-in user's working page, with the fields the SPA's `Items` query asks for."""
    user = request.user
    if not user.is_authenticated:
        return JsonResponse({"error": "Please sign in first."}, status=401)
    page_size = notebook_of(user=user).page_size
    rows = [_row(item, page_size) for item in items_for_page(user=user)]
    return JsonResponse({"data": {"items": rows}})


def _write(request: HttpRequest, field: str) -> tuple[object, JsonResponse | None]:
    if not request.user.is_authenticated:
        return None, JsonResponse({"error": "Please sign in first."}, status=401)
    try:
        return json.loads(request.body)["variables"][field], None
    except (ValueError, KeyError, TypeError):
        return None, JsonResponse({"error": f"Send variables.{field}."}, status=400)


@require_POST
def create(request: HttpRequest) -> JsonResponse:
    """`createItem`'s write: the same service, the new item's fields back."""
    text, refused = _write(request, "text")
    if refused:
        return refused
    item = item_create(user=request.user, text=str(text))
    page_size = notebook_of(user=request.user).page_size
    return JsonResponse({"data": {"createItem": {"item": _row(item, page_size)}}})


@require_POST
def complete(request: HttpRequest) -> JsonResponse:
    """`completeItem`'s write: the same service, the item's fields back."""
    item_id, refused = _write(request, "id")
    if refused:
        return refused
    item = item_complete(user=request.user, item_id=str(item_id))
    page_size = notebook_of(user=request.user).page_size
    return JsonResponse({"data": {"completeItem": {"item": _row(item, page_size)}}})
