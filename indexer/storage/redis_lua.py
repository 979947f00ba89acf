"""Lua scripts of the Redis backend: one script per operation, so each is one round trip and atomic.

All keys share the prefix `sd:{namespace}:` (one hash tag, one cluster slot). Layout 2:
  manifest        string  JSON of the IndexConfig that wrote the store
  seq             string  last internal id handed out
  ids             hash    client id -> 4-byte internal id
  count           string  number of articles
  d:<id4>         string  the article record, one packed string (no per-field overhead):
                            >I4 version, c8 canonical sort key (published time, big-endian),
                            >I2-prefixed client id and source, >I4-prefixed template keys
                            (8 bytes each),
                            then the payload only Python reads (see `redis.RECORD_PAYLOAD`)
  n:<id4>         string  copy-graph neighbours (4-byte ids); absent when there are none
  b:<2 bytes>     hash    LSH buckets: field = 4 more key bytes, value = member ids (4 bytes each)
  df              string  BITFIELD of u32 document frequencies per hashed term
  s:<source>      string  number of articles of the source
  t:<2 bytes>     hash    template-line counters: field = 6 more bytes of hash(source, line), value =
                          articles of that source holding that line. Sharded like the buckets so each
                          hash stays a small listpack (~10 bytes per counter); the source is hashed
                          into the key, so counts never mix across sources.
"""

# Helpers shared by the scripts (prepended to each; scripts cannot call each other).
_COMMON = r"""
local P = ARGV[1]
local function doc_key(id) return P .. 'd:' .. id end
local function neighbors_key(id) return P .. 'n:' .. id end

-- The record's header: version, sort key, client id, source, template keys, payload offset.
local function header(record)
  return struct.unpack('>I4c8I2c0I2c0I4c0', record)
end

local function remove_member(list, id)
  for i = 1, #list, 4 do
    if string.sub(list, i, i + 3) == id then
      return string.sub(list, 1, i - 1) .. string.sub(list, i + 4)
    end
  end
  return list
end

local function has_member(list, id)
  for i = 1, #list, 4 do
    if string.sub(list, i, i + 3) == id then return true end
  end
  return false
end

-- Most of a new article's buckets are new too: HSETNX creates one in a single command, and only
-- an existing bucket is read and rewritten.
local function bucket_add(keys, id)
  for i = 1, #keys, 6 do
    local shard = P .. 'b:' .. string.sub(keys, i, i + 1)
    local field = string.sub(keys, i + 2, i + 5)
    if redis.call('HSETNX', shard, field, id) == 0 then
      local members = redis.call('HGET', shard, field)
      if not has_member(members, id) then redis.call('HSET', shard, field, members .. id) end
    end
  end
end

local function bucket_remove(keys, id)
  for i = 1, #keys, 6 do
    local shard = P .. 'b:' .. string.sub(keys, i, i + 1)
    local field = string.sub(keys, i + 2, i + 5)
    local members = redis.call('HGET', shard, field)
    if members then
      members = remove_member(members, id)
      if #members == 0 then redis.call('HDEL', shard, field) else redis.call('HSET', shard, field, members) end
    end
  end
end

local function df_add(terms, delta)
  if #terms == 0 then return end
  local args = {P .. 'df', 'OVERFLOW', 'SAT'}
  for i = 1, #terms, 4 do
    args[#args + 1] = 'INCRBY'
    args[#args + 1] = 'u32'
    args[#args + 1] = '#' .. struct.unpack('>I4', terms, i)
    args[#args + 1] = delta
  end
  redis.call('BITFIELD', unpack(args))
end

local function lines_add(source, template_keys, delta)
  if source == '' then return end
  if redis.call('INCRBY', P .. 's:' .. source, delta) <= 0 then redis.call('DEL', P .. 's:' .. source) end
  for i = 1, #template_keys, 8 do
    local shard = P .. 't:' .. string.sub(template_keys, i, i + 1)
    local field = string.sub(template_keys, i + 2, i + 7)
    if redis.call('HINCRBY', shard, field, delta) <= 0 then redis.call('HDEL', shard, field) end
  end
end

local function set_neighbors(id, list)
  if #list == 0 then redis.call('DEL', neighbors_key(id)) else redis.call('SET', neighbors_key(id), list) end
end

local function unlink_neighbors(id)
  local list = redis.call('GET', neighbors_key(id)) or ''
  for i = 1, #list, 4 do
    local other = string.sub(list, i, i + 3)
    set_neighbors(other, remove_member(redis.call('GET', neighbors_key(other)) or '', id))
  end
  redis.call('DEL', neighbors_key(id))
end

-- Walk the copy graph from `start` (up to `cap` articles): {canonical client id, size, truncated}.
local function walk_cluster(start, cap)
  local seen, queue, head = {[start] = true}, {start}, 1
  local best = nil
  while head <= #queue do
    local node = queue[head]
    head = head + 1
    local record = redis.call('GET', doc_key(node))
    if record then
      local _, sort_key, ext = header(record)
      if best == nil or sort_key .. ext < best then best = sort_key .. ext end
    end
    local list = redis.call('GET', neighbors_key(node)) or ''
    for i = 1, #list, 4 do
      local other = string.sub(list, i, i + 3)
      if not seen[other] and #queue < cap then
        seen[other] = true
        queue[#queue + 1] = other
      end
    end
  end
  return {string.sub(best, 9), #queue, #queue >= cap and 1 or 0}
end

-- Remove every index entry of a stored article; the caller passes the keys derived from it.
local function remove_entries(id, record, bands, terms)
  local _, _, _, source, template_keys = header(record)
  bucket_remove(bands, id)
  df_add(terms, -1)
  lines_add(source, template_keys, -1)
  unlink_neighbors(id)
end
"""

# ARGV: prefix, client id, expected version ('' = must be new), band keys, old band keys,
#       term ids, old term ids, source, template keys, neighbour client ids ("\n"-joined),
#       sort key (8 bytes), payload, walk cap.
# Returns {'ok', version, canonical client id, cluster size, truncated} or {'conflict'}.
WRITE = (
    _COMMON
    + r"""
local ext, expected, source, template_keys = ARGV[2], ARGV[3], ARGV[8], ARGV[9]
local id = redis.call('HGET', P .. 'ids', ext)
local version, record = 0, nil
if id then
  record = redis.call('GET', doc_key(id))
  version = header(record)
end
if (id and tostring(version) ~= expected) or (not id and expected ~= '') then
  return {'conflict'}
end
if id then
  remove_entries(id, record, ARGV[5], ARGV[7])
else
  id = struct.pack('>I4', redis.call('INCR', P .. 'seq'))
  redis.call('HSET', P .. 'ids', ext, id)
  redis.call('INCR', P .. 'count')
end
local neighbors = ''
for other_ext in string.gmatch(ARGV[10], '[^\n]+') do
  local other = redis.call('HGET', P .. 'ids', other_ext)
  if other and other ~= id and not has_member(neighbors, other) then
    neighbors = neighbors .. other
    local list = redis.call('GET', neighbors_key(other)) or ''
    if not has_member(list, id) then set_neighbors(other, list .. id) end
  end
end
set_neighbors(id, neighbors)
bucket_add(ARGV[4], id)
df_add(ARGV[6], 1)
lines_add(source, template_keys, 1)
version = version + 1
redis.call('SET', doc_key(id), struct.pack('>I4', version) .. ARGV[11]
  .. struct.pack('>I2', #ext) .. ext .. struct.pack('>I2', #source) .. source
  .. struct.pack('>I4', #template_keys) .. template_keys .. ARGV[12])
local cluster = walk_cluster(id, tonumber(ARGV[13]))
return {'ok', version, cluster[1], cluster[2], cluster[3]}
"""
)

# ARGV: prefix, client id, expected version, band keys, term ids
DELETE = (
    _COMMON
    + r"""
local ext = ARGV[2]
local id = redis.call('HGET', P .. 'ids', ext)
if not id then return 0 end
local record = redis.call('GET', doc_key(id))
if tostring(header(record)) ~= ARGV[3] then return -1 end
remove_entries(id, record, ARGV[4], ARGV[5])
redis.call('DEL', doc_key(id))
redis.call('HDEL', P .. 'ids', ext)
if redis.call('DECR', P .. 'count') <= 0 then redis.call('DEL', P .. 'count') end
return 1
"""
)

# ARGV: prefix, client id, walk cap. Returns {canonical client id, size, truncated} or nil.
CLUSTER = (
    _COMMON
    + r"""
local start = redis.call('HGET', P .. 'ids', ARGV[2])
if not start then return false end
return walk_cluster(start, tonumber(ARGV[3]))
"""
)

# ARGV: prefix, source, template keys. Returns {articles of the source, count per key (0 if none)}.
LINE_STATS = (
    _COMMON
    + r"""
local out = {tonumber(redis.call('GET', P .. 's:' .. ARGV[2]) or 0)}
local keys = ARGV[3]
for i = 1, #keys, 8 do
  out[#out + 1] = tonumber(redis.call('HGET', P .. 't:' .. string.sub(keys, i, i + 1), string.sub(keys, i + 2, i + 7)) or 0)
end
return out
"""
)

# ARGV: prefix, term ids (4 bytes each). Returns {article count, document frequency per term}.
# BITFIELD_RO is called per chunk of terms: Lua's unpack() takes at most ~8,000 values.
DOCUMENT_FREQUENCIES = (
    _COMMON
    + r"""
local terms = ARGV[2]
local out = {tonumber(redis.call('GET', P .. 'count') or 0)}
for chunk = 1, #terms, 4 * 2000 do
  local args = {P .. 'df'}
  for i = chunk, math.min(#terms, chunk + 4 * 2000 - 1), 4 do
    args[#args + 1] = 'GET'
    args[#args + 1] = 'u32'
    args[#args + 1] = '#' .. struct.unpack('>I4', terms, i)
  end
  for _, count in ipairs(redis.call('BITFIELD_RO', unpack(args))) do out[#out + 1] = count end
end
return out
"""
)

# ARGV: prefix, client id to exclude ('' = none), limit, bucket read cap, number of copy keys,
#       band keys (6 bytes each; copy keys first, then salient keys), most candidates sharing
#       salient keys only.
# Returns {own record or false, id, copy hits, salient hits, record, id, ...}.
CANDIDATES = (
    _COMMON
    + r"""
local exclude = ARGV[2] ~= '' and redis.call('HGET', P .. 'ids', ARGV[2]) or nil
local limit, cap, copy_keys, keys = tonumber(ARGV[3]), tonumber(ARGV[4]) * 4, tonumber(ARGV[5]), ARGV[6]
local salient_only_limit = tonumber(ARGV[7])
local copy, salient, order = {}, {}, {}
local band = 0
for i = 1, #keys, 6 do
  band = band + 1
  local members = redis.call('HGET', P .. 'b:' .. string.sub(keys, i, i + 1), string.sub(keys, i + 2, i + 5))
  if members then
    if #members > cap then members = string.sub(members, 1, cap) end
    for j = 1, #members, 4 do
      local id = string.sub(members, j, j + 3)
      if id ~= exclude then
        if copy[id] == nil then copy[id] = 0; salient[id] = 0; order[#order + 1] = id end
        if band <= copy_keys then copy[id] = copy[id] + 1 else salient[id] = salient[id] + 1 end
      end
    end
  end
end
table.sort(order, function(a, b)
  if copy[a] ~= copy[b] then return copy[a] > copy[b] end
  if salient[a] ~= salient[b] then return salient[a] > salient[b] end
  return a < b
end)
local out = {false}
if exclude then out[1] = redis.call('GET', doc_key(exclude)) end
-- Sorted by copy hits first, so the candidates sharing salient keys only come last.
local salient_only = 0
for i = 1, math.min(limit, #order) do
  local id = order[i]
  if copy[id] == 0 then
    salient_only = salient_only + 1
    if salient_only > salient_only_limit then break end
  end
  out[#out + 1] = id
  out[#out + 1] = copy[id]
  out[#out + 1] = salient[id]
  out[#out + 1] = redis.call('GET', doc_key(id)) or false
end
return out
"""
)
