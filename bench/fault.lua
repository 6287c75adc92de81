-- wrk script for bench/fault.sh: a read load that alternates between GET endpoints, paced per
-- connection, and logs every response (time in ms since the epoch, status, whether a 503 is a proper
-- problem) so that bench/fault.py can count them by phase of the outage. Prints totals by class at the end.
--
--   wrk -t1 -c4 -d600s --timeout 30s -s bench/fault.lua URL -- LOG_PREFIX DELAY_MS PATH...
--
-- One log per thread: LOG_PREFIX.<thread>.csv with lines "ms,status,ok" (ok = 0 for a 503 that is not
-- application/problem+json with Retry-After, 1 otherwise). Stop wrk with SIGINT to end the run early.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } fault_timeval;
  int gettimeofday(fault_timeval *tv, void *tz);
]]
local tv = ffi.new("fault_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + math.floor(tonumber(tv.tv_usec) / 1000)
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local log, pause, paths, next_path = nil, 0, {}, 1
c2xx, c503, c503bad, c5xx, cother = 0, 0, 0, 0, 0

function init(args)
  local prefix = args[1] or "/tmp/fault-wrk"
  pause = tonumber(args[2] or "0")
  for i = 3, #args do table.insert(paths, args[i]) end
  if #paths == 0 then paths = { wrk.path } end
  log = io.open(prefix .. "." .. id .. ".csv", "w")
  log:setvbuf("line")
end

function request()
  local p = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format("GET", p)
end

function delay()
  return pause
end

local function header(headers, name)
  for k, v in pairs(headers) do
    if string.lower(k) == name then return v end
  end
  return nil
end

function response(status, headers, body)
  local ok = 1
  if status >= 200 and status < 300 then
    c2xx = c2xx + 1
  elseif status == 503 then
    c503 = c503 + 1
    local ct = header(headers, "content-type") or ""
    if not string.find(ct, "application/problem+json", 1, true) or header(headers, "retry-after") == nil
        or not string.find(body or "", '"status":503', 1, true) then
      ok = 0
      c503bad = c503bad + 1
    end
  elseif status >= 500 then
    c5xx = c5xx + 1
  else
    cother = cother + 1
  end
  log:write(now_ms(), ",", status, ",", ok, "\n")
end

function done(summary, latency, requests)
  local t = { c2xx = 0, c503 = 0, c503bad = 0, c5xx = 0, cother = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
  end
  local e = summary.errors
  io.write(string.format("FAULT_READS 2xx=%d 503=%d 503_not_problem=%d other_5xx=%d other=%d connect_err=%d read_err=%d write_err=%d timeouts=%d requests=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f\n",
    t.c2xx, t.c503, t.c503bad, t.c5xx, t.cother, e.connect, e.read, e.write, e.timeout, summary.requests,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
