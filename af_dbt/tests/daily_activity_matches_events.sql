-- The daily mart adds up to the raw event log: each total must equal a count straight from
-- focus_event (undone actions left out, undos counted). Any row returned is a failure.
with mart as (
    select
        sum(items_created) as created, sum(items_completed) as completed,
        sum(items_reentered) as reentered, sum(items_dismissed) as dismissed,
        sum(items_restored) as restored, sum(items_deleted) as deleted,
        sum(pages_passed) as passed, sum(undos) as undos
    from {{ ref('daily_activity') }}
),
raw as (
    select
        count(*) filter (where kind = 'create' and undone_at is null)
            + coalesce(sum(item_count) filter (where kind = 'import' and undone_at is null), 0)
            as created,
        count(*) filter (where kind = 'complete' and undone_at is null) as completed,
        count(*) filter (where kind = 'reenter' and undone_at is null) as reentered,
        coalesce(sum(jsonb_array_length(dismissed_ids))
            filter (where kind = 'next_page' and undone_at is null), 0) as dismissed,
        count(*) filter (where kind = 'restore' and undone_at is null) as restored,
        count(*) filter (where kind = 'delete' and undone_at is null) as deleted,
        count(*) filter (where kind = 'next_page' and undone_at is null) as passed,
        count(*) filter (where undone_at is not null) as undos
    from {{ source('app', 'focus_event') }}
)
select mart.*, raw.*
from mart cross join raw
where (mart.created, mart.completed, mart.reentered, mart.dismissed, mart.restored,
       mart.deleted, mart.passed, mart.undos)
   is distinct from
      (raw.created, raw.completed, raw.reentered, raw.dismissed, raw.restored,
       raw.deleted, raw.passed, raw.undos)
