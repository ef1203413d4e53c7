-- One row per person, keyed by a pseudonym; the email address goes no further than here.
select
    {{ pseudonym('email') }} as user_key,
    email,
    date_joined as joined_at,
    is_validated,
    validated_at,
    time_zone,
    is_staff
from {{ source('app', 'accounts_user') }}
