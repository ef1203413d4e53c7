-- Each person's list state; pages = the page of the highest position, at least 1.
select
    u.user_key,
    n.page_size,
    n.working_page,
    ceil(greatest(n.next_position - 1, 1)::numeric / n.page_size)::int as pages
from {{ source('app', 'focus_notebook') }} as n
join {{ ref('stg_users') }} as u on u.email = n.user_id
