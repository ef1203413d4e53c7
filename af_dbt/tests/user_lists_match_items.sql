-- The per-person mart matches the items table: open and dismissed-waiting lines in total,
-- and no email address ever appears as a key.
select 'totals' as what
from {{ ref('user_lists') }}
having sum(open_items) <> (
        select count(*) from {{ source('app', 'focus_item') }}
        where state = 'active' and deleted_at is null)
    or sum(dismissed_waiting) <> (
        select count(*) from {{ source('app', 'focus_item') }}
        where state = 'dismissed' and deleted_at is null)
union all
select 'email as key'
from {{ ref('user_lists') }}
where user_id like '%@%'
