-- One benchmark phase, driven by bench/run.py:
--   wrk ... -s bench/wrk/bench.lua URL -- METHOD PATH BODY_FILE IDS_FILE MAX_REQUESTS THREADS
--                                         CONNECTIONS
-- METHOD GET or POST; BODY_FILE "-" for none, else a JSON body in which "%ID%" is replaced by
-- the next id of IDS_FILE (one per line, each used once; "-" for none) and "%N%" by a
-- request counter. Each thread sends at most MAX_REQUESTS / threads requests (and no more
-- than its share of the ids), then stops. A response is bad when its status is not 200 or
-- its body holds a GraphQL "errors" key; done() prints one JSON line starting "BENCHJSON".

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

local function read_file(name)
  local f = assert(io.open(name, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

function init(args)
  method, path, body_file, ids_file = args[1], args[2], args[3], args[4]
  local max_requests, connections = tonumber(args[5]), tonumber(args[7])
  nthreads = tonumber(args[6])
  body = nil
  if body_file ~= "-" then body = read_file(body_file) end
  ids = nil
  limit = math.floor(max_requests / nthreads)
  if ids_file ~= "-" then
    ids = {}
    local i = 0
    for line in io.lines(ids_file) do
      -- Threads take interleaved ids so that none is ever sent twice.
      if i % nthreads == tid - 1 then table.insert(ids, line) end
      i = i + 1
    end
    -- Every connection may have one request in flight when the thread stops.
    limit = math.min(limit, #ids - math.ceil(connections / nthreads))
  end
  sent = 0
  bad = 0
  bad_sample = ""
  static_request = nil
  if ids == nil and (body == nil or not body:find("%N%", 1, true)) then
    static_request = wrk.format(method, path, nil, body)
  end
end

function request()
  sent = sent + 1
  if sent >= limit then wrk.thread:stop() end
  if static_request then return static_request end
  local b = body
  if ids then b = b:gsub("%%ID%%", ids[math.min(sent, #ids)]) end
  b = b:gsub("%%N%%", tostring(tid * 10000000 + sent))
  return wrk.format(method, path, nil, b)
end

function response(status, headers, resp_body)
  if status ~= 200 or resp_body:find('"errors"', 1, true) then
    bad = bad + 1
    if bad_sample == "" then bad_sample = status .. " " .. resp_body:sub(1, 300) end
  end
end

local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function done(summary, latency, requests)
  local bad_total, sample = 0, ""
  for _, thread in ipairs(threads) do
    bad_total = bad_total + (thread:get("bad") or 0)
    local s = thread:get("bad_sample") or ""
    if sample == "" then sample = s end
  end
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "bad": %d, "socket_errors": %d, "non_2xx": %d, "bad_sample": %s}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, bad_total, e.connect + e.read + e.write + e.timeout, e.status,
    json_string(sample)))
end
