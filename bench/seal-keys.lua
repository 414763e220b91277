-- wrk script for the one-firm / eight-firms seal benchmark (SealFirmsBenchmark, bench/signing.sh firms): POSTs the
-- multipart body in the file named by BODY (Content-Type in TYPE) to the sealing API; thread i (one connection
-- each, wrk -t8 -c8) uses the i-th of the comma-separated firm API keys in KEYS, modulo their number.
local f = assert(io.open(os.getenv("BODY"), "rb"))
local body = f:read("*a")
f:close()
local keys = {}
for key in string.gmatch(os.getenv("KEYS"), "[^,]+") do
  keys[#keys + 1] = key
end
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("key", keys[(threads - 1) % #keys + 1])
end

function request()
  return wrk.format("POST", nil, { ["Content-Type"] = os.getenv("TYPE"), ["Authorization"] = "Bearer " .. key }, body)
end
