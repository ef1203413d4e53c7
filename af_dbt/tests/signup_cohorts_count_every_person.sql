-- Cohorts add up to the people table: everyone is in exactly one cohort, and no cohort has
-- more confirmed, active or finishing people than people.
select 'users' as what
from {{ ref('signup_cohorts') }}
having sum(users) <> (select count(*) from {{ source('app', 'accounts_user') }})
    or sum(validated) <> (select count(*) from {{ source('app', 'accounts_user') }} where is_validated)
union all
select 'cohort bounds'
from {{ ref('signup_cohorts') }}
where validated > users or added_own_task > users or first_completion > users
    or active_week_1 > users or active_week_4 > users
