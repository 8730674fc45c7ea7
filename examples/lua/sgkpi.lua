--[[ sgkpi.lua: children's safeguarding performance indicators from LuaJIT.

A binding over the C ABI of libsgkpi through LuaJIT's ffi: no compiler, no
C glue.  The declarations below are copied from include/sgkpi.h (the
SGK_API macro and comments removed); tests/python/test_lua.py checks that
each one still matches the header.

    local sgkpi = require("sgkpi")
    local e = sgkpi.new()                 -- or sgkpi.new("/path/libsgkpi.so")
    e:set_period("2021-04-01", "2022-03-31")
    e:use_profile("kent-2011")
    e:add_file("assessments.csv")
    local r = e:compute()
    for _, ind in ipairs(r.indicators) do print(ind.id, ind.value) end
    e:close()

The library is found, in this order: the path given to sgkpi.load() or
sgkpi.new(), the SGKPI_LIBRARY environment variable, "sgkpi" through the
system loader, then the soname "libsgkpi.so.0".

Failing calls raise a table error {status=, name=, message=, file=, line=,
column=} that prints as its message.  Strings the library returns are
copied into Lua strings at once, so results outlive the engine.  An engine
is freed by e:close() or, failing that, by the garbage collector (ffi.gc).
--]]

local ffi = require("ffi")

ffi.cdef [[
enum sgk_status {
    SGK_OK = 0,
    SGK_E_NOMEM = -1,
    SGK_E_INVALID_ARGUMENT = -2,
    SGK_E_IO = -3,
    SGK_E_PARSE = -4,
    SGK_E_MISSING_COLUMN = -5,
    SGK_E_UNKNOWN_KIND = -6,
    SGK_E_DUPLICATE_COLUMN = -7,
    SGK_E_STATE = -8,
    SGK_E_NOT_FOUND = -9,
    SGK_E_EMPTY = -10,
    SGK_E_THRESHOLD = -11,
    SGK_E_NO_PERIOD = -12
};
const char *sgk_strerror(int status);
int sgk_version(void);
const char *sgk_version_string(void);
enum sgk_kind {
    SGK_KIND_AUTO = 0,
    SGK_KIND_REFERRALS = 1,
    SGK_KIND_ASSESSMENTS = 2,
    SGK_KIND_CP_PLANS = 3,
    SGK_KIND_CLA_EPISODES = 4,
    SGK_KIND_CASES = 5,
    SGK_KIND_WORKFORCE = 6,
    SGK_KIND_CLA_CHILDREN = 7,
    SGK_KIND_CARE_LEAVERS = 8,
    SGK_KIND_COUNT = 9
};
const char *sgk_kind_name(int kind);
int sgk_kind_from_name(const char *name);
typedef struct sgk_engine sgk_engine;
int sgk_engine_new(sgk_engine **out);
void sgk_engine_free(sgk_engine *engine);
int sgk_engine_set_period(sgk_engine *engine, const char *from, const char *to);
enum sgk_option {
    SGK_OPT_IA_TIMESCALE = 1,
    SGK_OPT_CA_TIMESCALE = 2,
    SGK_OPT_SA_TIMESCALE = 3,
    SGK_OPT_UNALLOCATED_DAYS = 4,
    SGK_OPT_DELIMITER = 5,
    SGK_OPT_BY_TEAM = 6,
    SGK_OPT_BY_MONTH = 7,
    SGK_OPT_MAX_REJECTIONS = 8,
    SGK_OPT_THREADS = 9,
    SGK_OPT_EXCEPTIONS = 10,
    SGK_OPT_MIN_CHUNK = 11,
    SGK_OPT_POPULATION = 12,
    SGK_OPT_REFERRAL_WINDOW = 13,
    SGK_OPT_PER_10K_TYPE = 14
};
enum sgk_assessment_type {
    SGK_ASSESSMENT_INITIAL = 1,
    SGK_ASSESSMENT_CORE = 2,
    SGK_ASSESSMENT_SINGLE = 3
};
int sgk_engine_set_option(sgk_engine *engine, int option, int64_t value);
int64_t sgk_engine_get_option(const sgk_engine *engine, int option);
int sgk_engine_add_alias(sgk_engine *engine, const char *header, const char *canonical);
int sgk_engine_add_closure_day(sgk_engine *engine, const char *date);
int sgk_engine_add_closure_file(sgk_engine *engine, const char *path);
int sgk_engine_add_file(sgk_engine *engine, const char *path, int kind);
int sgk_engine_add_buffer(sgk_engine *engine, const char *name, const char *data, size_t len, int kind);
int sgk_engine_begin(sgk_engine *engine, const char *name, int kind);
int sgk_engine_feed(sgk_engine *engine, const char *data, size_t len);
int sgk_engine_finish(sgk_engine *engine);
int sgk_engine_input_count(const sgk_engine *engine);
const char *sgk_input_name(const sgk_engine *engine, int input);
int sgk_input_kind(const sgk_engine *engine, int input);
int64_t sgk_input_rows_read(const sgk_engine *engine, int input);
int64_t sgk_input_rows_used(const sgk_engine *engine, int input);
int64_t sgk_input_rows_rejected(const sgk_engine *engine, int input);
int64_t sgk_input_duplicates(const sgk_engine *engine, int input);
int sgk_engine_use_profile(sgk_engine *engine, const char *name);
int sgk_engine_load_thresholds(sgk_engine *engine, const char *path);
int sgk_engine_load_thresholds_buffer(sgk_engine *engine, const char *name, const char *data, size_t len);
int sgk_engine_load_benchmarks(sgk_engine *engine, const char *path);
int sgk_engine_load_benchmarks_buffer(sgk_engine *engine, const char *name, const char *data, size_t len);
enum sgk_unit {
    SGK_UNIT_PERCENT = 1,
    SGK_UNIT_COUNT = 2,
    SGK_UNIT_RATE_PER_10K = 3,
    SGK_UNIT_AVERAGE = 4
};
int sgk_indicator_count(void);
int sgk_indicator_find(const char *id);
const char *sgk_indicator_id(int indicator);
const char *sgk_indicator_label(int indicator);
const char *sgk_indicator_definition(int indicator);
const char *sgk_indicator_source(int indicator);
int sgk_indicator_unit(int indicator);
int sgk_indicator_kind(int indicator);
int sgk_engine_compute(sgk_engine *engine);
enum sgk_group {
    SGK_GROUP_TOTAL = 0,
    SGK_GROUP_TEAM = 1,
    SGK_GROUP_MONTH = 2
};
int sgk_engine_team_count(const sgk_engine *engine);
const char *sgk_engine_team_name(const sgk_engine *engine, int team);
int sgk_engine_month_count(const sgk_engine *engine);
const char *sgk_engine_month_label(const sgk_engine *engine, int month);
int sgk_result_has_value(const sgk_engine *engine, int indicator, int group, int k);
double sgk_result_value(const sgk_engine *engine, int indicator, int group, int k);
double sgk_result_numerator(const sgk_engine *engine, int indicator, int group, int k);
double sgk_result_denominator(const sgk_engine *engine, int indicator, int group, int k);
enum sgk_rag {
    SGK_STATUS_NONE = 0,
    SGK_STATUS_MET = 1,
    SGK_STATUS_AMBER = 2,
    SGK_STATUS_NOT_MET = 3,
    SGK_STATUS_NO_DATA = 4
};
int sgk_result_status(const sgk_engine *engine, int indicator, int group, int k);
const char *sgk_status_name(int status);
const char *sgk_result_threshold_op(const sgk_engine *engine, int indicator);
double sgk_result_threshold_target(const sgk_engine *engine, int indicator);
double sgk_result_threshold_amber(const sgk_engine *engine, int indicator);
const char *sgk_result_threshold_source(const sgk_engine *engine, int indicator);
const char *sgk_result_threshold_label(const sgk_engine *engine, int indicator);
const char *sgk_result_group_threshold_op(const sgk_engine *engine, int indicator, int group, int k);
double sgk_result_group_threshold_target(const sgk_engine *engine, int indicator, int group, int k);
double sgk_result_group_threshold_amber(const sgk_engine *engine, int indicator, int group, int k);
const char *sgk_result_group_threshold_source(const sgk_engine *engine, int indicator, int group, int k);
const char *sgk_result_group_threshold_label(const sgk_engine *engine, int indicator, int group, int k);
int sgk_result_benchmark_count(const sgk_engine *engine, int indicator);
double sgk_result_benchmark_value(const sgk_engine *engine, int indicator, int k);
const char *sgk_result_benchmark_label(const sgk_engine *engine, int indicator, int k);
const char *sgk_result_note(const sgk_engine *engine, int indicator);
int64_t sgk_engine_rejection_count(const sgk_engine *engine);
const char *sgk_rejection_input(const sgk_engine *engine, int64_t r);
int64_t sgk_rejection_line(const sgk_engine *engine, int64_t r);
const char *sgk_rejection_column(const sgk_engine *engine, int64_t r);
int sgk_rejection_column_number(const sgk_engine *engine, int64_t r);
const char *sgk_rejection_indicator(const sgk_engine *engine, int64_t r);
const char *sgk_rejection_reason(const sgk_engine *engine, int64_t r);
int64_t sgk_engine_rejections_dropped(const sgk_engine *engine);
int sgk_dq_count(const sgk_engine *engine);
int sgk_dq_input(const sgk_engine *engine, int k);
const char *sgk_dq_field(const sgk_engine *engine, int k);
const char *sgk_dq_header(const sgk_engine *engine, int k);
int64_t sgk_dq_rows(const sgk_engine *engine, int k);
int64_t sgk_dq_blank(const sgk_engine *engine, int k);
int64_t sgk_dq_invalid(const sgk_engine *engine, int k);
double sgk_dq_value(const sgk_engine *engine, int k);
int sgk_dq_status(const sgk_engine *engine, int k);
const char *sgk_engine_errmsg(const sgk_engine *engine);
const char *sgk_engine_errfile(const sgk_engine *engine);
int64_t sgk_engine_errline(const sgk_engine *engine);
const char *sgk_engine_errcolumn(const sgk_engine *engine);
]]

local M = {}

local C_STATUS = {
  [0] = "OK", [-1] = "E_NOMEM", [-2] = "E_INVALID_ARGUMENT", [-3] = "E_IO",
  [-4] = "E_PARSE", [-5] = "E_MISSING_COLUMN", [-6] = "E_UNKNOWN_KIND",
  [-7] = "E_DUPLICATE_COLUMN", [-8] = "E_STATE", [-9] = "E_NOT_FOUND",
  [-10] = "E_EMPTY", [-11] = "E_THRESHOLD", [-12] = "E_NO_PERIOD",
}

local OPTIONS = {
  ia_timescale = 1, ca_timescale = 2, sa_timescale = 3, unallocated_days = 4,
  delimiter = 5, by_team = 6, by_month = 7, max_rejections = 8, threads = 9,
  exceptions = 10, min_chunk = 11,
}
M.options = OPTIONS

local libs = {}

local function load_named(name)
  local ok, lib = pcall(ffi.load, name)
  if ok then return lib end
  return nil, lib
end

-- Loads libsgkpi once per name; returns the ffi namespace.
function M.load(path)
  local name = path or os.getenv("SGKPI_LIBRARY")
  local key = name or "(system)"
  if libs[key] then return libs[key] end
  local lib, err
  if name and name ~= "" then
    lib, err = load_named(name)
  else
    lib = load_named("sgkpi") or load_named("libsgkpi.so.0")
    err = "libsgkpi not found (set SGKPI_LIBRARY)"
  end
  if not lib then error(err, 2) end
  if math.floor(lib.sgk_version() / 10000) ~= 0 then
    error("libsgkpi major version is not 0", 2)
  end
  libs[key] = lib
  return lib
end

local function str(p)
  if p == nil then return nil end
  return ffi.string(p)
end

local function num(x)
  if x ~= x then return nil end -- NaN: no value
  return x
end

local Error = {}
Error.__index = Error
Error.__tostring = function(e) return e.message end
M.Error = Error

local Engine = {}
Engine.__index = Engine
M.Engine = Engine

-- A new engine; `library` is a path or nil (see M.load).
function M.new(library)
  local lib = M.load(library)
  local out = ffi.new("sgk_engine *[1]")
  local rc = lib.sgk_engine_new(out)
  if rc ~= 0 then
    error(setmetatable({status = rc, name = C_STATUS[rc],
                        message = str(lib.sgk_strerror(rc)), line = 0},
                       Error), 2)
  end
  return setmetatable({lib = lib, h = ffi.gc(out[0], lib.sgk_engine_free)},
                      Engine)
end
Engine.new = M.new

-- Frees the C engine now; safe to call twice.
function Engine:close()
  if self.h ~= nil then
    local h = self.h
    self.h = nil
    ffi.gc(h, nil)
    self.lib.sgk_engine_free(h)
  end
end

function Engine:handle()
  if self.h == nil then error("sgkpi: engine is closed", 3) end
  return self.h
end

function Engine:check(rc)
  if rc == 0 then return end
  local lib, h = self.lib, self.h
  local msg = str(lib.sgk_engine_errmsg(h))
  if msg == nil or msg == "" then msg = str(lib.sgk_strerror(rc)) end
  error(setmetatable({
    status = rc, name = C_STATUS[rc], message = msg,
    file = str(lib.sgk_engine_errfile(h)),
    line = tonumber(lib.sgk_engine_errline(h)),
    column = str(lib.sgk_engine_errcolumn(h)),
  }, Error), 3)
end

function Engine:kind(kind)
  if kind == nil then return 0 end
  if type(kind) == "string" then
    local k = self.lib.sgk_kind_from_name(kind)
    if k < 0 then error("sgkpi: unknown extract kind " .. kind, 3) end
    return k
  end
  return kind
end

function Engine:set_period(from, to)
  self:check(self.lib.sgk_engine_set_period(self:handle(), from, to))
end

-- option: a name from M.options ("by_team", ...) or its number.
function Engine:set_option(option, value)
  local o = type(option) == "string" and OPTIONS[option] or option
  if o == nil then error("sgkpi: unknown option " .. tostring(option), 2) end
  if value == true then value = 1 elseif value == false then value = 0 end
  if type(value) == "string" then value = string.byte(value) end
  self:check(self.lib.sgk_engine_set_option(self:handle(), o, value))
end

function Engine:get_option(option)
  local o = type(option) == "string" and OPTIONS[option] or option
  return tonumber(self.lib.sgk_engine_get_option(self:handle(), o))
end

function Engine:add_alias(header, canonical)
  self:check(self.lib.sgk_engine_add_alias(self:handle(), header, canonical))
end

function Engine:add_closure_day(date)
  self:check(self.lib.sgk_engine_add_closure_day(self:handle(), date))
end

function Engine:add_closure_file(path)
  self:check(self.lib.sgk_engine_add_closure_file(self:handle(), path))
end

function Engine:add_file(path, kind)
  self:check(self.lib.sgk_engine_add_file(self:handle(), path,
                                          self:kind(kind)))
end

-- data: a Lua string holding CSV (embedded NULs allowed).
function Engine:add_buffer(name, data, kind)
  self:check(self.lib.sgk_engine_add_buffer(self:handle(), name, data, #data,
                                            self:kind(kind)))
end

function Engine:begin(name, kind)
  self:check(self.lib.sgk_engine_begin(self:handle(), name, self:kind(kind)))
end

function Engine:feed(data)
  self:check(self.lib.sgk_engine_feed(self:handle(), data, #data))
end

function Engine:finish()
  self:check(self.lib.sgk_engine_finish(self:handle()))
end

function Engine:use_profile(name)
  self:check(self.lib.sgk_engine_use_profile(self:handle(), name))
end

function Engine:load_thresholds(path)
  self:check(self.lib.sgk_engine_load_thresholds(self:handle(), path))
end

function Engine:load_thresholds_buffer(name, data)
  self:check(self.lib.sgk_engine_load_thresholds_buffer(self:handle(), name,
                                                        data, #data))
end

function Engine:load_benchmarks(path)
  self:check(self.lib.sgk_engine_load_benchmarks(self:handle(), path))
end

function Engine:load_benchmarks_buffer(name, data)
  self:check(self.lib.sgk_engine_load_benchmarks_buffer(self:handle(), name,
                                                        data, #data))
end

-- The unit's name as the JSON report writes it.
local unit_names = {"percent", "count", "rate_per_10k", "average"}

-- What a cell's status was measured against (a team's is the period's, a
-- month's the one in force at its end), or nil when none applies.
-- Whether the loaded library exports a symbol: an older one may not, and
-- indexing a missing symbol raises an error.
local function has_symbol(lib, name)
  return (pcall(function() return lib[name] end))
end

local function threshold(lib, h, i, group, k)
  local get
  if has_symbol(lib, "sgk_result_group_threshold_op") then
    get = function(part)
      return lib["sgk_result_group_threshold_" .. part](h, i, group, k)
    end
  else
    -- An older library says only the period's, which its teams were
    -- measured against when they were measured at all.
    if group == lib.SGK_GROUP_MONTH or
       (group == lib.SGK_GROUP_TEAM and
        lib.sgk_result_status(h, i, group, k) == 0) then
      return nil
    end
    get = function(part) return lib["sgk_result_threshold_" .. part](h, i) end
  end
  local op = str(get("op"))
  if not op then return nil end
  return {
    op = op,
    target = num(get("target")),
    amber = num(get("amber")),
    source = str(get("source")),
    label = str(get("label")),
  }
end

local function cell(lib, h, i, group, k, key)
  local has = lib.sgk_result_has_value(h, i, group, k) ~= 0
  return {
    key = key,
    value = has and lib.sgk_result_value(h, i, group, k) or nil,
    numerator = num(lib.sgk_result_numerator(h, i, group, k)),
    denominator = num(lib.sgk_result_denominator(h, i, group, k)),
    status = str(lib.sgk_status_name(lib.sgk_result_status(h, i, group, k))),
    threshold = threshold(lib, h, i, group, k),
  }
end

-- Computes every indicator.  Returns a plain table:
--   { indicators = { {id, label, unit, value, numerator, denominator,
--                     status, threshold, benchmarks, by_team, by_month,
--                     note}... },
--     inputs = { {name, kind, rows_read, rows_used, rows_rejected}... },
--     rejections = { {input, line, column, indicator, reason}... },
--     teams = {...}, months = {...} }
-- by_team and by_month hold {key, value, numerator, denominator, status,
-- threshold}: a month's threshold is the one in force at its end.
-- value, numerator and denominator are nil where there is no number.
function Engine:compute()
  local lib, h = self.lib, self:handle()
  self:check(lib.sgk_engine_compute(h))
  local r = {indicators = {}, inputs = {}, rejections = {}, teams = {},
             months = {}}
  for k = 0, lib.sgk_engine_team_count(h) - 1 do
    r.teams[#r.teams + 1] = str(lib.sgk_engine_team_name(h, k))
  end
  for k = 0, lib.sgk_engine_month_count(h) - 1 do
    r.months[#r.months + 1] = str(lib.sgk_engine_month_label(h, k))
  end
  for i = 0, lib.sgk_indicator_count() - 1 do
    local ind = cell(lib, h, i, lib.SGK_GROUP_TOTAL, 0, nil)
    ind.key = nil
    ind.id = str(lib.sgk_indicator_id(i))
    ind.label = str(lib.sgk_indicator_label(i))
    ind.unit = unit_names[lib.sgk_indicator_unit(i)] or "count"
    ind.note = str(lib.sgk_result_note(h, i))
    ind.source = str(lib.sgk_indicator_source(i))
    ind.benchmarks = {}
    for k = 0, lib.sgk_result_benchmark_count(h, i) - 1 do
      ind.benchmarks[k + 1] = {
        value = num(lib.sgk_result_benchmark_value(h, i, k)),
        label = str(lib.sgk_result_benchmark_label(h, i, k)),
      }
    end
    ind.by_team, ind.by_month = {}, {}
    for k, team in ipairs(r.teams) do
      ind.by_team[k] = cell(lib, h, i, lib.SGK_GROUP_TEAM, k - 1, team)
    end
    for k, month in ipairs(r.months) do
      ind.by_month[k] = cell(lib, h, i, lib.SGK_GROUP_MONTH, k - 1, month)
    end
    r.indicators[i + 1] = ind
  end
  for k = 0, lib.sgk_engine_input_count(h) - 1 do
    r.inputs[k + 1] = {
      name = str(lib.sgk_input_name(h, k)),
      kind = str(lib.sgk_kind_name(lib.sgk_input_kind(h, k))),
      rows_read = tonumber(lib.sgk_input_rows_read(h, k)),
      rows_used = tonumber(lib.sgk_input_rows_used(h, k)),
      rows_rejected = tonumber(lib.sgk_input_rows_rejected(h, k)),
      duplicates = tonumber(lib.sgk_input_duplicates(h, k)),
    }
  end
  r.data_quality = {}
  for k = 0, lib.sgk_dq_count(h) - 1 do
    r.data_quality[k + 1] = {
      input = str(lib.sgk_input_name(h, lib.sgk_dq_input(h, k))),
      field = str(lib.sgk_dq_field(h, k)),
      header = str(lib.sgk_dq_header(h, k)),
      rows = tonumber(lib.sgk_dq_rows(h, k)),
      blank = tonumber(lib.sgk_dq_blank(h, k)),
      invalid = tonumber(lib.sgk_dq_invalid(h, k)),
      value = num(lib.sgk_dq_value(h, k)),
      status = str(lib.sgk_status_name(lib.sgk_dq_status(h, k))),
    }
  end
  for k = 0, tonumber(lib.sgk_engine_rejection_count(h)) - 1 do
    r.rejections[k + 1] = {
      input = str(lib.sgk_rejection_input(h, k)),
      line = tonumber(lib.sgk_rejection_line(h, k)),
      column = str(lib.sgk_rejection_column(h, k)),
      indicator = str(lib.sgk_rejection_indicator(h, k)),
      reason = str(lib.sgk_rejection_reason(h, k)),
    }
  end
  r.rejections_dropped = tonumber(lib.sgk_engine_rejections_dropped(h))
  return r
end

function M.version_string(library)
  return str(M.load(library).sgk_version_string())
end

-- One call: the indicators for a period from a list of CSV paths.
-- opts: thresholds (path or profile name), benchmarks, by_team, monthly,
-- library.
function M.compute(paths, from, to, opts)
  opts = opts or {}
  local e = M.new(opts.library)
  local ok, res = pcall(function()
    e:set_period(from, to)
    e:set_option("by_team", opts.by_team and 1 or 0)
    e:set_option("by_month", opts.monthly and 1 or 0)
    if opts.benchmarks then e:load_benchmarks(opts.benchmarks) end
    local t = opts.thresholds
    if t then
      if t:find("[./]") then e:load_thresholds(t) else e:use_profile(t) end
    end
    for _, p in ipairs(paths) do e:add_file(p) end
    return e:compute()
  end)
  e:close()
  if not ok then error(res, 2) end
  return res
end

return M
