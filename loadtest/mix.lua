-- A mix of what analysts do: the list, a filtered list, a search, meeting pages and a filtered CSV export.
-- The meeting addresses come from paths.lua, written by loadtest/run from the database under test.
dofile(os.getenv("LOADTEST_PATHS") or "loadtest/paths.lua")

local counter = 0

request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format("GET", path)
end

local statuses = {}

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write("------------------------------------------------------------\n")
  io.write(string.format("requests            %d in %.1f s\n", summary.requests, summary.duration / 1e6))
  io.write(string.format("requests per second %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50         %.1f ms\n", latency:percentile(50) / 1000))
  io.write(string.format("latency p99         %.1f ms\n", latency:percentile(99) / 1000))
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("socket errors       %d\n", errors))
  io.write(string.format("HTTP errors (>=400) %d\n", summary.errors.status))
end
