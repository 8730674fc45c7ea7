-- lua_dump.lua: the LuaJIT binding's view of a computation, printed in the
-- line format of capi_dump.c so that test_lua.py can compare it with the
-- CLI's JSON.
--
-- usage: luajit lua_dump.lua LUA_DIR FROM TO [-t FILE] [-b FILE] [-team]
--                            [-month] [-buffer] FILE...
-- -buffer passes each file's bytes through add_buffer (named by its path).
-- -old hides the per-group threshold getters, as a library from before
-- them would, so that the binding's fallback is exercised.
package.path = arg[1] .. "/?.lua;" .. package.path
local sgkpi = require("sgkpi")

local function num(v)
  if v == nil then return "-" end
  return ("%.17g"):format(v)
end

local function s(v) return v == nil and "-" or v end

local e = sgkpi.new()
local ok, err = pcall(function()
  e:set_period(arg[2], arg[3])
  local i, buffer = 4, false
  while i <= #arg do
    local a = arg[i]
    if a == "-t" then i = i + 1; e:load_thresholds(arg[i])
    elseif a == "-b" then i = i + 1; e:load_benchmarks(arg[i])
    elseif a == "-team" then e:set_option("by_team", true)
    elseif a == "-month" then e:set_option("by_month", true)
    elseif a == "-buffer" then buffer = true
    elseif a == "-old" then
      local real = e.lib
      e.lib = setmetatable({}, {__index = function(_, name)
        if name:find("^sgk_result_group_threshold_") then
          error("missing symbol " .. name)
        end
        return real[name]
      end})
    elseif buffer then
      local f = assert(io.open(a, "rb"))
      local data = f:read("*a")
      f:close()
      e:add_buffer(a, data)
    else e:add_file(a) end
    i = i + 1
  end
  local r = e:compute()
  local out = {}
  local function line(...) out[#out + 1] = table.concat({...}, "\t") end
  for _, ind in ipairs(r.indicators) do
    line("cell", ind.id, "total", "-", num(ind.value), num(ind.numerator),
         num(ind.denominator), s(ind.status))
    for _, c in ipairs(ind.by_team) do
      line("cell", ind.id, "team", c.key, num(c.value), num(c.numerator),
           num(c.denominator), s(c.status))
    end
    for _, c in ipairs(ind.by_month) do
      line("cell", ind.id, "month", c.key, num(c.value), num(c.numerator),
           num(c.denominator), s(c.status))
    end
    for _, c in ipairs(ind.by_month) do
      local t = c.threshold
      if t then
        line("month_threshold", ind.id, c.key, t.op, num(t.target),
             num(t.amber), s(t.source), s(t.label))
      end
    end
    local t = ind.threshold
    if t then
      line("threshold", ind.id, t.op, num(t.target), num(t.amber),
           s(t.source), s(t.label))
    end
    line("meta", ind.id, s(ind.unit), s(ind.note))
    for _, b in ipairs(ind.benchmarks) do
      line("benchmark", ind.id, num(b.value), s(b.label))
    end
  end
  for _, x in ipairs(r.inputs) do
    line("input", x.name, s(x.kind), x.rows_read, x.rows_used,
         x.rows_rejected, x.duplicates)
  end
  for _, x in ipairs(r.data_quality) do
    line("dq", x.input, x.field, s(x.header), x.rows, x.blank, x.invalid,
         num(x.value), s(x.status))
  end
  for _, x in ipairs(r.rejections) do
    line("rejection", x.input, x.line, s(x.column), s(x.indicator),
         s(x.reason))
  end
  line("dropped", r.rejections_dropped)
  io.write(table.concat(out, "\n"), "\n")
end)
e:close()
e:close() -- a second close is harmless
if not ok then
  if type(err) == "table" then
    print(("error\t%d\t%d\t%s"):format(err.status, err.line or 0,
                                        err.message))
  else
    print("error\t0\t0\t" .. tostring(err))
  end
  os.exit(2)
end
