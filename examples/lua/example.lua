-- example.lua: the indicators for a period, and the ones that breach a
-- threshold, from LuaJIT with no compiler involved.
--
--   SGKPI_LIBRARY=/path/to/libsgkpi.so.0 \
--   luajit examples/lua/example.lua 2021-04-01 2022-03-31 kent-2011 *.csv
--
-- The third argument is a thresholds CSV or a built-in profile name.
local dir = arg[0]:match("^(.*)/") or "."
package.path = dir .. "/?.lua;" .. package.path
local sgkpi = require("sgkpi")

if #arg < 4 then
  io.stderr:write("usage: luajit example.lua FROM TO THRESHOLDS FILE...\n")
  os.exit(2)
end

local files = {}
for i = 4, #arg do files[#files + 1] = arg[i] end

local ok, r = pcall(sgkpi.compute, files, arg[1], arg[2],
                    {thresholds = arg[3]})
if not ok then
  io.stderr:write("example.lua: ", tostring(r), "\n")
  os.exit(1)
end

print(("sgkpi %s, %s to %s"):format(sgkpi.version_string(), arg[1], arg[2]))
for _, ind in ipairs(r.indicators) do
  local v = ind.value and ("%.1f"):format(ind.value) or "no data"
  print(("%-26s %10s  %s"):format(ind.id, v, ind.status or ""))
end
for _, ind in ipairs(r.indicators) do
  if ind.status == "not_met" then
    local t = ind.threshold
    print(("breached: %s (target %s %s)"):format(ind.label, t.op,
          t.target and ("%g"):format(t.target) or "?"))
  end
end
