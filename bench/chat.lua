-- wrk script: POST a chat completion (plain or streamed), or a streamed Anthropic message, Responses request or Gemini
-- request, and check every answer.
-- Arguments (after wrk's "--"): "plain" or "stream", then any number of "Name: value" headers; or "anthropic",
-- "responses" or "gemini", the model, then the headers. An answer counts as bad unless it is a 200 whose body is a
-- chat completion (plain), an event stream terminated by "data: [DONE]" (stream), one that ends with Anthropic's
-- message_stop event (anthropic), with response.completed (responses), or whose last chunk has a finishReason
-- (gemini, ?alt=sse). done() prints one machine-readable BENCH line.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   kind = args[1]
   stream = kind == "stream"
   bad = 0
   wrk.method = "POST"
   local first_header = 2
   if kind == "anthropic" then
      wrk.body = '{"model":"' .. args[2] .. '","max_tokens":1024,"messages":[{"role":"user","content":"benchmark"}],"stream":true}'
      first_header = 3
   elseif kind == "responses" then
      wrk.body = '{"model":"' .. args[2] .. '","input":"benchmark","stream":true}'
      first_header = 3
   elseif kind == "gemini" then
      wrk.body = '{"contents":[{"role":"user","parts":[{"text":"benchmark"}]}]}'
      first_header = 3
   else
      -- The same body as dev.copilotgateway.bench.Target.STREAM_BODY (with "stream" set per run).
      wrk.body = '{"model":"gpt-4.1","messages":[{"role":"user","content":"benchmark"}],"stream":' .. tostring(stream) .. '}'
   end
   wrk.headers["Content-Type"] = "application/json"
   for i = first_header, #args do
      local name, value = args[i]:match("^([^:]+):%s*(.*)$")
      wrk.headers[name] = value
   end
end

local DONE = "data: [DONE]\n\n"
local MESSAGE_STOP = "event: message_stop\ndata: "
local RESPONSE_COMPLETED = "event: response.completed\ndata: "

function response(status, headers, body)
   local good
   if stream then
      good = body:sub(-#DONE) == DONE
   elseif kind == "anthropic" then
      local at = body:find(MESSAGE_STOP, 1, true)
      good = at ~= nil and body:find("\n\n", at, true) == #body - 1
   elseif kind == "responses" then
      local at = body:find(RESPONSE_COMPLETED, 1, true)
      good = at ~= nil and body:find("\n\n", at, true) == #body - 1
   elseif kind == "gemini" then
      local last = body:match("data: ([^\n]*)\n\n$")
      good = last ~= nil and last:find('"finishReason"', 1, true) ~= nil
   else
      good = body:find('"object":"chat.completion"', 1, true) ~= nil
   end
   if status ~= 200 or not good then
      bad = bad + 1
   end
end

function done(summary, latency, requests)
   local bad_answers = 0
   for _, thread in ipairs(threads) do
      bad_answers = bad_answers + thread:get("bad")
   end
   local errors = summary.errors
   io.write(string.format(
      "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d bad=%d socket_errors=%d timeouts=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), bad_answers,
      errors.connect + errors.read + errors.write, errors.timeout))
end
