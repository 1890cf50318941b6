-- wrk script: POSTs the file named by BENCH_BODY_FILE as text/csv to the URL given to wrk, counts
-- every answer that is not 2xx (wrk itself counts only >= 400), and prints one line
-- "BENCH_RESULT {json}" with the totals and latency percentiles (microseconds) when done.
local file = assert(io.open(assert(os.getenv("BENCH_BODY_FILE"), "BENCH_BODY_FILE is not set"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "text/csv"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- Runs in each thread's own Lua state; done() collects the counters through thread:get().
not_2xx = 0

function response(status, headers, body)
  if status < 200 or status > 299 then
    not_2xx = not_2xx + 1
  end
end

function done(summary, latency, requests)
  local total_not_2xx = 0
  for _, thread in ipairs(threads) do
    total_not_2xx = total_not_2xx + thread:get("not_2xx")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"durationUs":%d,"not2xx":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,' ..
    '"p50Us":%.1f,"p99Us":%.1f,"meanUs":%.1f,"maxUs":%.1f}\n',
    summary.requests, summary.duration, total_not_2xx, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean, latency.max))
end
