namespace RetailTagging.Engine.State;

/// <summary>
/// The events one customer's state retains, as <see cref="LoggedEvent"/>s in one array grown by a
/// quarter at a time (doubling would leave a third of a struct array empty on average). Not
/// thread-safe: the tagger serializes a customer's updates.
/// </summary>
internal sealed class EventLog
{
    private LoggedEvent[] _events = [];
    private int _count;

    public int Count => _count;

    /// <summary>Whether an event with this id is held (a scan: a customer holds tens of events).</summary>
    public bool Holds(string eventId)
    {
        for (var i = 0; i < _count; i++)
            if (string.Equals(_events[i].Id, eventId, StringComparison.Ordinal)) return true;
        return false;
    }

    public void Add(LoggedEvent e)
    {
        if (_count == _events.Length) Array.Resize(ref _events, _count + Math.Max(4, _count / 4));
        _events[_count++] = e;
    }

    /// <summary>Removes the events <paramref name="drop"/> selects, keeping the others in order; returns how many went.</summary>
    public int RemoveWhere(Func<LoggedEvent, bool> drop)
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
            if (!drop(_events[i])) _events[kept++] = _events[i];
        var removed = _count - kept;
        Array.Clear(_events, kept, removed);
        _count = kept;
        // Shrink only when a third of the array is empty: an event pruned per event added (a steady
        // stream through a window) must not reallocate on every ingest, growing then shrinking again.
        if (removed > 0 && _events.Length - _count > Math.Max(4, _count / 2)) Array.Resize(ref _events, _count);
        return removed;
    }

    /// <summary>The events as the engine reads them, in the order they were logged.</summary>
    public CustomerEvent[] ToEvents(string customerId, StringTable strings)
    {
        var events = new CustomerEvent[_count];
        for (var i = 0; i < _count; i++) events[i] = _events[i].ToEvent(customerId, strings);
        return events;
    }
}
