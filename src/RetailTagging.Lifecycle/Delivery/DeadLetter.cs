namespace RetailTagging.Lifecycle;

/// <summary>A firing that failed every delivery attempt.</summary>
/// <param name="Firing">The firing, as of its last attempt.</param>
/// <param name="Error">The last error's message.</param>
/// <param name="At">When it was dead-lettered.</param>
public sealed record DeadLetter(TriggerFiring Firing, string Error, DateTimeOffset At);

/// <summary>Keeps dead letters for people to inspect and re-drive. Implementations must be thread-safe.</summary>
public interface IDeadLetterStore
{
    /// <summary>Adds a dead letter.</summary>
    void Add(DeadLetter letter);

    /// <summary>All dead letters, oldest first.</summary>
    IReadOnlyList<DeadLetter> List();
}

/// <summary>Dead letters in memory.</summary>
public sealed class InMemoryDeadLetterStore : IDeadLetterStore
{
    private readonly Lock _gate = new();
    private readonly List<DeadLetter> _letters = [];

    /// <inheritdoc />
    public void Add(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        lock (_gate) _letters.Add(letter);
    }

    /// <inheritdoc />
    public IReadOnlyList<DeadLetter> List()
    {
        lock (_gate) return _letters.ToArray();
    }
}
