namespace RetailTagging.Lifecycle;

/// <summary>
/// A cause id split as <see cref="TriggerTimer"/> stores it: the kind of its standard prefix
/// (0 none, 1 <c>event:</c>, 2 <c>tag:</c>, 3 <c>date:</c>) and the text after it. Lets the
/// scheduler carry an event's cause without building the <c>event:</c> string.
/// </summary>
internal readonly record struct TimerCause(byte Kind, string Value)
{
    public const byte EventKind = 1;

    /// <summary>The cause of an event: its id.</summary>
    public static TimerCause OfEvent(CustomerEvent e) => new(EventKind, e.Id);

    /// <summary>Splits a cause id into its prefix kind and the rest.</summary>
    public static TimerCause Parse(string causeId)
    {
        var (kind, value) = TriggerTimer.Split(causeId);
        return new TimerCause(kind, value);
    }

    /// <summary>The cause id, e.g. <c>event:e42</c>.</summary>
    public override string ToString() => Kind == 0 ? Value : string.Concat(TriggerTimer.CausePrefixes[Kind], Value);

    /// <summary>The idempotency key of the trigger's firing for the customer and this cause.</summary>
    public string KeyFor(string triggerId, string customerId) =>
        string.Concat([triggerId, "|", customerId, "|", TriggerTimer.CausePrefixes[Kind], Value]);

    /// <summary>Orders as the ordinal order of the cause ids, without building them when the kinds agree.</summary>
    public static int CompareOrdinal(TimerCause a, TimerCause b) =>
        a.Kind == b.Kind ? string.CompareOrdinal(a.Value, b.Value) : string.CompareOrdinal(a.ToString(), b.ToString());
}
