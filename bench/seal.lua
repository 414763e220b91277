-- wrk script for bench/seal-api.sh: POST the multipart body in the file named by BODY (Content-Type in TYPE) to the
-- sealing API with the firm API key in KEY; counts answers that are not 200 (a 402 would mean the balance ran out).
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = os.getenv("TYPE")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
