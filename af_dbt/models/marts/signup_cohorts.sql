-- Retention by sign-up week (weeks start on Monday, UTC). Onboarding tasks are put in the
-- list at sign-up without a `create` event, so any create or import not undone is an own task.
-- Week 1 is days 7 to 13 after signing up, week 4 days 28 to 34.
with people as (
    select
        u.user_key,
        u.joined_at,
        u.is_validated,
        date_trunc('week', u.joined_at at time zone 'UTC')::date as cohort_week
    from {{ ref('stg_users') }} as u
),
per_person as (
    select
        p.user_key,
        p.cohort_week,
        p.is_validated,
        bool_or(e.kind in ('create', 'import') and not e.is_undone) as added_own_task,
        bool_or(e.kind = 'complete' and not e.is_undone) as completed_one,
        bool_or(e.created_at >= p.joined_at + interval '7 days'
            and e.created_at < p.joined_at + interval '14 days') as active_week_1,
        bool_or(e.created_at >= p.joined_at + interval '28 days'
            and e.created_at < p.joined_at + interval '35 days') as active_week_4
    from people as p
    left join {{ ref('stg_events') }} as e on e.user_key = p.user_key
    group by p.user_key, p.cohort_week, p.is_validated
)
select
    cohort_week,
    count(*)::int as users,
    count(*) filter (where is_validated)::int as validated,
    count(*) filter (where added_own_task)::int as added_own_task,
    count(*) filter (where completed_one)::int as first_completion,
    count(*) filter (where active_week_1)::int as active_week_1,
    count(*) filter (where active_week_4)::int as active_week_4
from per_person
group by cohort_week
order by cohort_week
