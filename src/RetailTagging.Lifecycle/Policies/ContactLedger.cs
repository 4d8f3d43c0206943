namespace RetailTagging.Lifecycle;

/// <summary>
/// What the policies remember: keys already decided (so replays and re-scheduling never deliver
/// twice), the last delivery per customer and trigger (cooldowns) and recent marketing touches per
/// customer (frequency cap). In memory; callers hold the scheduler's lock.
/// </summary>
internal sealed class ContactLedger(TimeSpan keyRetention)
{
    private readonly Dictionary<string, long> _decided = new(StringComparer.Ordinal);
    private readonly Queue<(long Expires, string Key)> _expiry = new();
    private readonly Dictionary<(string Customer, string Trigger), long> _lastDelivered = new();
    private readonly Dictionary<string, Queue<long>> _touches = new(StringComparer.Ordinal);

    public int DecidedKeyCount => _decided.Count;

    public bool IsDecided(string key) => _decided.ContainsKey(key);

    public void MarkDecided(string key, DateTimeOffset now)
    {
        var expires = (now + keyRetention).UtcTicks;
        _decided[key] = expires;
        _expiry.Enqueue((expires, key));
        // Forget keys past their retention, oldest first.
        while (_expiry.TryPeek(out var head) && head.Expires <= now.UtcTicks)
        {
            _expiry.Dequeue();
            if (_decided.TryGetValue(head.Key, out var e) && e == head.Expires) _decided.Remove(head.Key);
        }
    }

    public bool InCooldown(string customerId, string triggerId, TimeSpan cooldown, DateTimeOffset now) =>
        cooldown > TimeSpan.Zero && _lastDelivered.TryGetValue((customerId, triggerId), out var last) && now.UtcTicks - last < cooldown.Ticks;

    public bool OverCap(string customerId, FrequencyCap cap, DateTimeOffset now)
    {
        if (!_touches.TryGetValue(customerId, out var touches)) return false;
        var from = now.UtcTicks - cap.Window.Ticks;
        while (touches.TryPeek(out var t) && t <= from) touches.Dequeue();
        return touches.Count >= cap.MaxTouches;
    }

    public void RecordDelivery(string customerId, string triggerId, bool marketing, DateTimeOffset now)
    {
        _lastDelivered[(customerId, triggerId)] = now.UtcTicks;
        if (!marketing) return;
        if (!_touches.TryGetValue(customerId, out var touches)) _touches[customerId] = touches = new Queue<long>(2);
        touches.Enqueue(now.UtcTicks);
    }
}
