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

    @staticmethod
    def resolve_email(user: User, info) -> str:
        return user.email

    @staticmethod
    def resolve_is_validated(user: User, info) -> bool:
        return user.is_validated

    @staticmethod
    def resolve_language(user: User, info) -> str:
        return user.language
