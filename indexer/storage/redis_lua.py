"""Lua scripts of the Redis backend: one script per operation, so each is one round trip and atomic.

All keys share the prefix `sd:{namespace}:` (one hash tag, one cluster slot). Layout:
  manifest            string  JSON of the IndexConfig that wrote the store
  seq                 string  last internal id handed out
  ids                 hash    client id -> 4-byte internal id
  count               string  number of articles
  d:<id4>             hash    e=client id, v=version, h=content hash, n=shingle count, s=signature,
                              p=similarity profile, m=meta JSON, k=canonical sort key, src=source,
                              lk=template line keys ("\n"-joined), nb=neighbour ids (4 bytes each),
                              ld=lead band keys (8 bytes each)
  b:<2 bytes>         hash    LSH buckets: field = 6 more key bytes, value = member ids (4 bytes each)
  df                  string  BITFIELD of u32 document frequencies per hashed term
  s:<source>          hash    _n = articles of the source, <line key> = articles containing that line
"""

# Helpers shared by the scripts (prepended to each; scripts cannot call each other).
_COMMON = r"""
local P = ARGV[1]
local function doc_key(id) return P .. 'd:' .. id end

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

local function bucket_add(keys, id)
  for i = 1, #keys, 8 do
    local shard = P .. 'b:' .. string.sub(keys, i, i + 1)
    local field = string.sub(keys, i + 2, i + 7)
    local members = redis.call('HGET', shard, field) or ''
    if not has_member(members, id) then redis.call('HSET', shard, field, members .. id) end
  end
end

local function bucket_remove(keys, id)
  for i = 1, #keys, 8 do
    local shard = P .. 'b:' .. string.sub(keys, i, i + 1)
    local field = string.sub(keys, i + 2, i + 7)
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

local function lines_add(source, lines, delta)
  if source == '' then return end
  local key = P .. 's:' .. source
  if redis.call('HINCRBY', key, '_n', delta) <= 0 then redis.call('DEL', key) return end
  for line in string.gmatch(lines, '[^\n]+') do
    if redis.call('HINCRBY', key, line, delta) <= 0 then redis.call('HDEL', key, line) end
  end
end

local function unlink_neighbors(id, neighbors)
  for i = 1, #neighbors, 4 do
    local other = doc_key(string.sub(neighbors, i, i + 3))
    local list = redis.call('HGET', other, 'nb')
    if list then redis.call('HSET', other, 'nb', remove_member(list, id)) end
  end
end

-- Walk the copy graph from `start` (up to `cap` articles): {canonical client id, size, truncated}.
local function walk_cluster(start, cap)
  local seen, queue, head = {[start] = true}, {start}, 1
  local best = nil
  while head <= #queue do
    local node = queue[head]
    head = head + 1
    local fields = redis.call('HMGET', doc_key(node), 'k', 'nb')
    if fields[1] and (best == nil or fields[1] < best) then best = fields[1] end
    local list = fields[2] or ''
    for i = 1, #list, 4 do
      local other = string.sub(list, i, i + 3)
      if not seen[other] and #queue < cap then
        seen[other] = true
        queue[#queue + 1] = other
      end
    end
  end
  local sep = string.find(best, '\0', 1, true)
  return {string.sub(best, sep + 1), #queue, #queue >= cap and 1 or 0}
end

-- Remove every index entry of a stored article; the caller passes the keys derived from it.
local function remove_entries(id, bands, terms)
  local dk = doc_key(id)
  local stored = redis.call('HMGET', dk, 'src', 'lk', 'nb')
  bucket_remove(bands, id)
  df_add(terms, -1)
  lines_add(stored[1] or '', stored[2] or '', -1)
  unlink_neighbors(id, stored[3] or '')
end
"""

# ARGV: prefix, client id, expected version ('' = must be new), band keys, old band keys,
#       term ids, old term ids, source, line keys, neighbour client ids ("\n"-joined),
#       content hash, shingle count, signature, profile, meta JSON, sort key, lead keys, walk cap.
# Returns {'ok', version, canonical client id, cluster size, truncated} or {'conflict'}.
WRITE = _COMMON + r"""
local ext, expected = ARGV[2], ARGV[3]
local id = redis.call('HGET', P .. 'ids', ext)
local version = 0
if id then version = tonumber(redis.call('HGET', doc_key(id), 'v')) end
if (id and tostring(version) ~= expected) or (not id and expected ~= '') then
  return {'conflict'}
end
if id then
  remove_entries(id, ARGV[5], ARGV[7])
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
    local list = redis.call('HGET', doc_key(other), 'nb') or ''
    if not has_member(list, id) then redis.call('HSET', doc_key(other), 'nb', list .. id) end
  end
end
bucket_add(ARGV[4], id)
df_add(ARGV[6], 1)
lines_add(ARGV[8], ARGV[9], 1)
version = version + 1
redis.call('DEL', doc_key(id))
redis.call('HSET', doc_key(id), 'e', ext, 'v', version, 'h', ARGV[11], 'n', ARGV[12], 's', ARGV[13],
  'p', ARGV[14], 'm', ARGV[15], 'k', ARGV[16], 'src', ARGV[8], 'lk', ARGV[9], 'nb', neighbors, 'ld', ARGV[17])
local cluster = walk_cluster(id, tonumber(ARGV[18]))
return {'ok', version, cluster[1], cluster[2], cluster[3]}
"""

# ARGV: prefix, client id, expected version, band keys, term ids
DELETE = _COMMON + r"""
local ext = ARGV[2]
local id = redis.call('HGET', P .. 'ids', ext)
if not id then return 0 end
if redis.call('HGET', doc_key(id), 'v') ~= ARGV[3] then return -1 end
remove_entries(id, ARGV[4], ARGV[5])
redis.call('DEL', doc_key(id))
redis.call('HDEL', P .. 'ids', ext)
if redis.call('DECR', P .. 'count') <= 0 then redis.call('DEL', P .. 'count') end
return 1
"""

# ARGV: prefix, client id, walk cap. Returns {canonical client id, size, truncated} or nil.
CLUSTER = _COMMON + r"""
local start = redis.call('HGET', P .. 'ids', ARGV[2])
if not start then return false end
return walk_cluster(start, tonumber(ARGV[3]))
"""

_STORED_FIELDS = "'e', 'v', 'h', 'n', 's', 'p', 'm', 'src', 'lk', 'ld'"
# A candidate needs only what scoring and the match answer read.
_CANDIDATE_FIELDS = "'e', 'v', 'h', 'n', 's', 'p', 'm'"

# ARGV: prefix, client id to exclude ('' = none), limit, bucket read cap, number of copy keys,
#       band keys (copy keys first, then salient keys).
# Returns {self fields or false, id, copy hits, salient hits, fields..., id, ...}.
CANDIDATES = _COMMON + r"""
local exclude = ARGV[2] ~= '' and redis.call('HGET', P .. 'ids', ARGV[2]) or nil
local limit, cap, copy_keys, keys = tonumber(ARGV[3]), tonumber(ARGV[4]) * 4, tonumber(ARGV[5]), ARGV[6]
local copy, salient, order = {}, {}, {}
local band = 0
for i = 1, #keys, 8 do
  band = band + 1
  local members = redis.call('HGET', P .. 'b:' .. string.sub(keys, i, i + 1), string.sub(keys, i + 2, i + 7))
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
if exclude then out[1] = redis.call('HMGET', doc_key(exclude), """ + _STORED_FIELDS + r""") end
for i = 1, math.min(limit, #order) do
  local id = order[i]
  out[#out + 1] = id
  out[#out + 1] = copy[id]
  out[#out + 1] = salient[id]
  out[#out + 1] = redis.call('HMGET', doc_key(id), """ + _CANDIDATE_FIELDS + r""")
end
return out
"""

STORED_FIELD_NAMES = ("e", "v", "h", "n", "s", "p", "m", "src", "lk", "ld")
