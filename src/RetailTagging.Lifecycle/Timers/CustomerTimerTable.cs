namespace RetailTagging.Lifecycle;

/// <summary>
/// The pending timers by customer: an open-addressing hash table (linear probing, power-of-two
/// size, at most three quarters full, backward-shift deletion) whose slots hold the customer's one
/// timer, or an array when they have several. Not thread-safe: the store locks around it.
/// </summary>
/// <remarks>
/// Why not a <c>Dictionary&lt;string, object&gt;</c>: its entries cost 24 bytes plus a bucket and
/// grow by primes past twice the count; a slot here costs 8 bytes, which matters at millions of
/// pending timers. The key is the timer's own <see cref="TriggerTimer.CustomerId"/>, so it is not stored twice.
/// Callers pass the customer id's ordinal hash, which they already computed to pick the store's shard.
/// </remarks>
internal sealed class CustomerTimerTable
{
    private object?[] _slots = new object?[16];
    private int _shift = 32 - 4;

    /// <summary>Customers with at least one timer.</summary>
    public int Count { get; private set; }

    /// <summary>The customer's slot content (a timer or an array of timers), or null.</summary>
    public object? Find(string customerId, int hash)
    {
        var index = IndexOf(customerId, hash);
        return index < 0 ? null : _slots[index];
    }

    /// <summary>Sets the customer's slot content (a timer or a non-empty array), adding the customer if new.</summary>
    public void Set(string customerId, int hash, object content)
    {
        var index = IndexOf(customerId, hash);
        if (index >= 0)
        {
            _slots[index] = content;
            return;
        }
        if ((Count + 1) * 4 > _slots.Length * 3) Grow();
        Insert(content, hash);
        Count++;
    }

    /// <summary>Removes the customer; true when they were present.</summary>
    public bool Remove(string customerId, int hash)
    {
        var index = IndexOf(customerId, hash);
        if (index < 0) return false;
        var mask = _slots.Length - 1;
        var hole = index;
        // Backward shift: pull later entries of the probe run into the hole when their home allows it.
        for (var next = (hole + 1) & mask; _slots[next] is { } entry; next = (next + 1) & mask)
        {
            var home = Home(HashOfEntry(entry));
            if (((next - home) & mask) >= ((next - hole) & mask))
            {
                _slots[hole] = entry;
                hole = next;
            }
        }
        _slots[hole] = null;
        Count--;
        return true;
    }

    /// <summary>Every pending timer, in table order.</summary>
    public IEnumerable<TriggerTimer> Timers()
    {
        foreach (var entry in _slots)
        {
            if (entry is TriggerTimer timer) yield return timer;
            else if (entry is TriggerTimer[] several) foreach (var t in several) yield return t;
        }
    }

    /// <summary>The hash callers pass: the ordinal string hash of the customer id.</summary>
    public static int HashOf(string customerId) => StringComparer.Ordinal.GetHashCode(customerId);

    private static string KeyOf(object content) => content is TriggerTimer timer ? timer.CustomerId : ((TriggerTimer[])content)[0].CustomerId;

    private static int HashOfEntry(object content) => HashOf(KeyOf(content));

    // Fibonacci hashing spreads the string hash over the power-of-two table.
    private int Home(int hash) => (int)((uint)(hash * -1640531527) >> _shift);

    private int IndexOf(string customerId, int hash)
    {
        var mask = _slots.Length - 1;
        for (var i = Home(hash); _slots[i] is { } entry; i = (i + 1) & mask)
            if (string.Equals(KeyOf(entry), customerId, StringComparison.Ordinal)) return i;
        return -1;
    }

    private void Insert(object content, int hash)
    {
        var mask = _slots.Length - 1;
        var i = Home(hash);
        while (_slots[i] is not null) i = (i + 1) & mask;
        _slots[i] = content;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new object?[old.Length * 2];
        _shift--;
        foreach (var entry in old)
            if (entry is not null) Insert(entry, HashOfEntry(entry));
    }
}
