namespace RetailTagging.Lifecycle;

/// <summary>
/// Decided idempotency keys with their expiry, held without one object per key: the characters of
/// every key sit end to end in 32 KB <c>char[]</c> chunks and an open-addressing table (linear probing,
/// power-of-two size, at most half full) of plain structs points into it. Not thread-safe: the
/// policy shard locks around it.
/// </summary>
/// <remarks>
/// Why: a scheduler remembers a key for every decided firing for 400 days by default, so keys are
/// the bulk of what it retains. As strings in a dictionary each one is an object that the garbage
/// collector copies when promoting it and traces on every full collection; arrays of characters and
/// of structs hold no references, so there is nothing in them to trace.
/// Expired keys are dropped by <see cref="Prune"/> (the scheduler calls it at most hourly), which
/// rebuilds the table and the chunks: O(n) then, amortised O(1) per key otherwise; growing the
/// table moves no characters.
/// </remarks>
internal sealed class DecidedKeySet
{
    private const int InitialSlots = 64;
    private const int ChunkChars = 16 * 1024; // 32 KB: below the large-object threshold, so a chunk is cheap to add.
    private Slot[] _slots = new Slot[InitialSlots];
    private int _shift = 32 - 6; // 32 - log2(_slots.Length), for the multiplicative hash.
    // Key characters, end to end; a key never spans two chunks (a longer key gets a chunk of its own).
    private List<char[]> _chunks = [];
    private int _chunkUsed; // Characters used in the last chunk.

    /// <summary>Keys held.</summary>
    public int Count { get; private set; }

    /// <summary>The key's expiry in UTC ticks, when held.</summary>
    public bool TryGetExpiry(string key, out long expiresTicks)
    {
        var index = IndexOf(key, HashOf(key));
        expiresTicks = index >= 0 ? _slots[index].Expires : 0;
        return index >= 0;
    }

    /// <summary>Adds the key, or replaces its expiry when held.</summary>
    public void Set(string key, long expiresTicks)
    {
        var hash = HashOf(key);
        var index = IndexOf(key, hash);
        if (index >= 0)
        {
            _slots[index].Expires = expiresTicks;
            return;
        }
        if ((Count + 1) * 2 > _slots.Length) Rehash(_slots.Length * 2);
        Place(Store(key), hash, expiresTicks);
    }

    /// <summary>Drops every key whose expiry is at or before <paramref name="nowTicks"/>, compacting the characters.</summary>
    public void Prune(long nowTicks)
    {
        var oldSlots = _slots;
        var oldChunks = _chunks;
        var live = 0;
        foreach (var slot in oldSlots) if (slot.IsUsed && slot.Expires > nowTicks) live++;
        var size = InitialSlots;
        while (live * 2 > size) size *= 2;
        Reset(size);
        _chunks = [];
        _chunkUsed = 0;
        foreach (var slot in oldSlots)
            if (slot.IsUsed && slot.Expires > nowTicks)
                Place(Store(oldChunks[slot.Chunk].AsSpan(slot.Start, slot.Length)), slot.Hash, slot.Expires);
    }

    private static int HashOf(string key) => StringComparer.Ordinal.GetHashCode(key);

    // Fibonacci hashing spreads the string hash over the power-of-two table.
    private int Home(int hash) => (int)((uint)hash * 2654435769u >> _shift);

    private int IndexOf(string key, int hash)
    {
        var mask = _slots.Length - 1;
        for (var i = Home(hash); _slots[i].IsUsed; i = (i + 1) & mask)
        {
            ref var slot = ref _slots[i];
            if (slot.Hash == hash && slot.Length == key.Length && _chunks[slot.Chunk].AsSpan(slot.Start, slot.Length).SequenceEqual(key)) return i;
        }
        return -1;
    }

    // Copies the key's characters into the chunks; returns a slot without hash and expiry yet.
    private Slot Store(ReadOnlySpan<char> key)
    {
        if (_chunks.Count == 0 || key.Length > ChunkChars - _chunkUsed)
        {
            // A key that does not fit starts a new chunk; one longer than a chunk gets a chunk of its own.
            _chunks.Add(new char[Math.Max(ChunkChars, key.Length)]);
            _chunkUsed = 0;
        }
        key.CopyTo(_chunks[^1].AsSpan(_chunkUsed));
        var slot = new Slot(0, _chunks.Count - 1, _chunkUsed, key.Length, 0);
        _chunkUsed += key.Length;
        return slot;
    }

    // Puts a stored key into the table, which has room and does not hold it.
    private void Place(Slot stored, int hash, long expiresTicks)
    {
        var mask = _slots.Length - 1;
        var i = Home(hash);
        while (_slots[i].IsUsed) i = (i + 1) & mask;
        _slots[i] = new Slot(hash, stored.Chunk, stored.Start, stored.Length, expiresTicks);
        Count++;
    }

    // Grows the table; the characters stay where they are.
    private void Rehash(int size)
    {
        var old = _slots;
        Reset(size);
        foreach (var slot in old)
            if (slot.IsUsed) Place(slot, slot.Hash, slot.Expires);
    }

    private void Reset(int size)
    {
        _slots = new Slot[size];
        _shift = 32 - System.Numerics.BitOperations.Log2((uint)size);
        Count = 0;
    }

    private struct Slot(int hash, int chunk, int start, int length, long expires)
    {
        public readonly int Hash = hash;
        public readonly int Chunk = chunk;
        public readonly int Start = start;
        // Length + 1, so that the default slot (0) is empty even for an empty key.
        private readonly int _lengthPlusOne = length + 1;
        public long Expires = expires;

        public readonly int Length => _lengthPlusOne - 1;

        public readonly bool IsUsed => _lengthPlusOne != 0;
    }
}
