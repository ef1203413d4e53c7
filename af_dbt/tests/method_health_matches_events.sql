-- Weekly page passes and finished tasks add up to the raw events (not undone).
select 'passes' as what
from {{ ref('method_health') }}
having sum(page_passes) <> (
    select count(*) from {{ source('app', 'focus_event') }}
    where kind = 'next_page' and undone_at is null)
union all
select 'done'
from {{ ref('method_health') }}
having sum(tasks_done) <> (
    select count(*) from {{ source('app', 'focus_event') }} as e
    join {{ source('app', 'focus_item') }} as i on i.id = e.item_id
    where e.kind = 'complete' and e.undone_at is null)
