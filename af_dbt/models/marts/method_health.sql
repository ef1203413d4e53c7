-- Is the method working? Per week (Monday, UTC):
--   first_pass_success_share  share of page passes that found something to do (a task on the
--                             page was done or re-entered before "Nothing stands out");
--   median_reentries_to_done  median re-entries of the tasks finished that week;
--   median_days_to_done       median days from first adding a task to finishing it;
--   restored_share, deleted_share  of the lines dismissed that week, the share restored
--                             since, and the share deleted since.
with passes as (
    select
        date_trunc('week', day)::date as week,
        count(*) as page_passes,
        count(*) filter (where prev_acted_on_page) as passes_with_action
    from {{ ref('stg_events') }}
    where kind = 'next_page' and not is_undone
    group by 1
),
done as (
    select
        date_trunc('week', day)::date as week,
        count(*) as tasks_done,
        percentile_cont(0.5) within group (order by reentries) as median_reentries_to_done,
        percentile_cont(0.5) within group (order by days_to_done) as median_days_to_done
    from {{ ref('stg_completions') }}
    group by 1
),
dismissals as (
    select
        date_trunc('week', dismissed_at at time zone 'UTC')::date as week,
        count(*) as dismissed,
        count(*) filter (where restored) as restored,
        count(*) filter (where deleted and not restored) as deleted
    from {{ ref('stg_dismissals') }}
    group by 1
),
weeks as (
    select week from passes union select week from done union select week from dismissals
)
select
    w.week,
    coalesce(p.page_passes, 0)::int as page_passes,
    round(p.passes_with_action::numeric / nullif(p.page_passes, 0), 3)
        as first_pass_success_share,
    coalesce(d.tasks_done, 0)::int as tasks_done,
    d.median_reentries_to_done::numeric(10, 1) as median_reentries_to_done,
    d.median_days_to_done::numeric(10, 1) as median_days_to_done,
    coalesce(x.dismissed, 0)::int as dismissed,
    round(x.restored::numeric / nullif(x.dismissed, 0), 3) as restored_share,
    round(x.deleted::numeric / nullif(x.dismissed, 0), 3) as deleted_share
from weeks as w
left join passes as p on p.week = w.week
left join done as d on d.week = w.week
left join dismissals as x on x.week = w.week
order by w.week
