"""The floor: a plain Django view doing the `items` query's page read, as JSON."""

from django.http import HttpRequest, JsonResponse

from focus.selectors import items_for_page, notebook_of


def items(request: HttpRequest) -> JsonResponse:
    """The signed-in user's working page, with the fields the SPA's `Items` query asks for."""
    user = request.user
    if not user.is_authenticated:
        return JsonResponse({"error": "Please sign in first."}, status=401)
    page_size = notebook_of(user=user).page_size
    rows = [
        {
            "__typename": "Item",
            "id": str(item.pk),
            "text": item.text,
            "state": item.state.upper(),
            "repeats": item.repeats,
            "position": item.position,
            "page": item.page_for(page_size),
            "createdAt": item.created_at.isoformat(),
        }
        for item in items_for_page(user=user)
    ]
    return JsonResponse({"data": {"items": rows}})
