-- wrk script for reliability/load.sh: the README's queries mixed with ingests, on one connection
-- pool. Every 10th request is an ingest of one of 40 articles: the first 40 store new documents,
-- the rest are duplicates (answered from the content hash), so the store stays bounded and the
-- server's memory can be watched for leaks rather than for growth.

local queries = {
  '{"query":"{ members(of: \\"future-health\\", kind: COMPANY) { entity { id name nameZh } origin evidence(first: 1) { sentence document { title } } } }"}',
  '{"query":"{ lookup(name: \\"孔磊\\") { id name roles { title origin organization { name } } neighbors(relation: CO_MENTION, first: 5) { entity { name kind } weight evidence(first: 1) { sentence } } } }"}',
  '{"query":"{ path(from: \\"jd-group\\", to: \\"boe\\") { id name kind } }"}',
  '{"query":"{ entity(id: \\"boe\\") { name nameZh documents { title date language } mentions(first: 3) { edges { node { surface sentence } } } } }"}',
  '{"query":"{ extract(text: \\"Yesterday, Wu Meng, vice president of JD Group, and BOE announced a joint lab in 亦庄 for humanoid robots.\\") { language mentions { entity { id } surface } relations { kind label } } }"}',
}

-- wrk runs request/response in one Lua state per thread and done() in another: each thread
-- counts its own failures in a global, and done() adds them up through the thread handles.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  failures = 0
  checked = 0
end

function request()
  counter = counter + 1
  local body
  if counter % 10 == 0 then
    local n = (counter / 10) % 40
    body = string.format(
      '{"query":"mutation($t: String!) { ingestDocument(input: { text: $t }) { duplicate document { id } } }","variables":{"t":"Load article %d: Kong Lei said BOE and JD Group will expand in Beijing E-Town; 北京经开区第%d批项目落地。"}}',
      n, n)
  else
    body = queries[(counter % #queries) + 1]
  end
  return wrk.format("POST", "/graphql", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  checked = checked + 1
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local failed, seen = 0, 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    seen = seen + thread:get("checked")
  end
  io.write(string.format("responses checked: %d, failed (non-200 or a GraphQL error): %d\n", seen, failed))
end
