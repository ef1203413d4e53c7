import graphene
from django.core.exceptions import ObjectDoesNotExist

from accounts.models import ApiToken, User


def _notebook(user: User):
    """The user's list state, through the one-to-one relation that `focus` declares (so that
    accounts imports nothing above it); unsaved defaults for an account without a list yet."""
    try:
        return user.notebook
    except ObjectDoesNotExist:
        return User._meta.get_field("notebook").related_model(user=user)


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
        return _notebook(user).working_page

    @staticmethod
    def resolve_pages(user: User, info) -> int:
        return _notebook(user).pages

    @staticmethod
    def resolve_page_size(user: User, info) -> int:
        return _notebook(user).page_size


class ApiTokenScopeEnum(graphene.Enum):
    """What a personal access token may do."""

    class Meta:
        name = "ApiTokenScope"

    READ = "read"
    WRITE = "write"

    @property
    def description(self) -> str:
        if self == ApiTokenScopeEnum.READ:
            return "Queries only."
        return "Queries and the list's mutations."


class ApiTokenType(graphene.ObjectType):
    """A personal access token for GraphQL clients outside the browser (its secret is shown
    only once, by `createApiToken`)."""

    class Meta:
        name = "ApiToken"

    id = graphene.ID(required=True, description="The token's id (for `revokeApiToken`).")
    name = graphene.String(required=True, description="What the owner called it.")
    scope = graphene.Field(ApiTokenScopeEnum, required=True, description="What it may do.")
    created_at = graphene.DateTime(required=True, description="When it was created.")
    last_used_at = graphene.DateTime(
        description="When it was last used (to the minute); null when never used."
    )

    @staticmethod
    def resolve_id(token: ApiToken, info) -> str:
        return str(token.pk)

    @staticmethod
    def resolve_name(token: ApiToken, info) -> str:
        return token.name

    @staticmethod
    def resolve_scope(token: ApiToken, info) -> str:
        return token.scope

    @staticmethod
    def resolve_created_at(token: ApiToken, info):
        return token.created_at

    @staticmethod
    def resolve_last_used_at(token: ApiToken, info):
        return token.last_used_at
