import graphene

from accounts.models import User


class UserType(graphene.ObjectType):
    """The signed-in person and where they stand in their list."""

    class Meta:
        name = "User"

    email = graphene.String(required=True, description="The account's email address (its key).")
    is_validated = graphene.Boolean(
        required=True, description="Whether the owner has opened a login link sent to the address."
    )
    language = graphene.String(required=True, description="Interface language: `en` or `ru`.")
    time_zone = graphene.String(
        required=True, description="IANA time zone the person's days are counted in."
    )
    page = graphene.Int(required=True, description="The working page: where the user works.")
    pages = graphene.Int(
        required=True, description="Number of pages: the page of the highest position, at least 1."
    )
    page_size = graphene.Int(required=True, description="Items per page (5 to 100).")

    @staticmethod
    def resolve_email(user: User, info) -> str:
        return user.email

    @staticmethod
    def resolve_is_validated(user: User, info) -> bool:
        return user.is_validated

    @staticmethod
    def resolve_language(user: User, info) -> str:
        return user.language

    @staticmethod
    def resolve_time_zone(user: User, info) -> str:
        return user.time_zone

    @staticmethod
    def resolve_page(user: User, info) -> int:
        from focus.selectors import notebook_of

        return notebook_of(user=user).working_page

    @staticmethod
    def resolve_pages(user: User, info) -> int:
        from focus.selectors import notebook_of

        return notebook_of(user=user).pages

    @staticmethod
    def resolve_page_size(user: User, info) -> int:
        from focus.selectors import notebook_of

        return notebook_of(user=user).page_size
