-- One row: when the marts were last built and the last day they cover. Built after the four
-- marts, so the staff dashboard can say which day its data is from.
select
    now() as built_at,
    (select max(day) from {{ ref('daily_activity') }}) as data_until,
    (select count(*) from {{ ref('signup_cohorts') }}) as cohorts,
    (select count(*) from {{ ref('user_lists') }}) as lists,
    (select count(*) from {{ ref('method_health') }}) as weeks
