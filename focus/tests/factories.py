import factory

from accounts.tests.factories import UserFactory
from focus.models import Item, ItemState, Notebook

__all__ = ["UserFactory", "NotebookFactory", "ItemFactory", "list_fill"]


class NotebookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notebook
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)


class ItemFactory(factory.django.DjangoModelFactory):
    """An item at the end of its user's list (the notebook's next position moves on)."""

    class Meta:
        model = Item

    user = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Task {n}")
    state = ItemState.ACTIVE

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        notebook, _ = Notebook.objects.get_or_create(user=kwargs["user"])
        kwargs.setdefault("position", notebook.next_position)
        notebook.next_position = max(notebook.next_position, kwargs["position"] + 1)
        notebook.save(update_fields=["next_position"])
        return super()._create(model_class, *args, **kwargs)


def list_fill(
    user,
    count: int,
    *,
    page_size: int = 25,
    states: dict[int, str] | None = None,
    working_page: int = 1,
) -> list[Item]:
    """Gives a user a list of `count` items at positions 1..count (ACTIVE unless `states`
    says otherwise for a position) in one statement."""
    states = states or {}
    notebook, _ = Notebook.objects.get_or_create(user=user)
    Item.objects.bulk_create(
        Item(
            user=user,
            position=position,
            text=f"Task {position}",
            state=states.get(position, ItemState.ACTIVE),
        )
        for position in range(notebook.next_position, notebook.next_position + count)
    )
    notebook.next_position += count
    notebook.page_size = page_size
    notebook.working_page = working_page
    notebook.save()
    user.notebook = notebook
    return sorted(Item.objects.filter(user=user), key=lambda item: item.position)
