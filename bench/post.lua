-- wrk script: POST the file named by BODY with the Content-Type named by TYPE.
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = os.getenv("TYPE")

-- Count answers that are not HTTP 200, so a fast stream of errors is not mistaken for throughput.
local bad = 0
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
