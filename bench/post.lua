-- wrk script: POST the file named by BODY with the Content-Type named by TYPE.
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = os.getenv("TYPE")
-- wrk itself reports "Non-2xx or 3xx responses"; run.sh prints that line when it appears.
