using System.Collections;

namespace RetailTagging.Engine;

/// <summary>The tags one customer holds as of an instant. Immutable.</summary>
public sealed class TagSet : IReadOnlyDictionary<string, TagAssignment>
{
    private readonly Dictionary<string, TagAssignment> _assignments;

    /// <summary>Creates a tag set.</summary>
    public TagSet(string customerId, DateTimeOffset asOf, IEnumerable<TagAssignment> assignments)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentNullException.ThrowIfNull(assignments);
        CustomerId = customerId;
        AsOf = asOf;
        // A plain dictionary: sets are built once per evaluation and read a few times, so a
        // frozen one's build cost would never pay off.
        _assignments = new Dictionary<string, TagAssignment>(StringComparer.Ordinal);
        foreach (var assignment in assignments) _assignments[assignment.Tag] = assignment;
    }

    /// <summary>An empty set.</summary>
    public static TagSet Empty(string customerId, DateTimeOffset asOf) => new(customerId, asOf, []);

    /// <summary>The customer.</summary>
    public string CustomerId { get; }

    /// <summary>The instant the set describes.</summary>
    public DateTimeOffset AsOf { get; }

    /// <inheritdoc />
    public TagAssignment this[string key] => _assignments[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _assignments.Keys;

    /// <inheritdoc />
    public IEnumerable<TagAssignment> Values => _assignments.Values;

    /// <inheritdoc />
    public int Count => _assignments.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _assignments.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out TagAssignment value) => _assignments.TryGetValue(key, out value!);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, TagAssignment>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, TagAssignment>>)_assignments).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"{CustomerId}@{AsOf:O}: {string.Join(", ", _assignments.Values.OrderBy(a => a.Tag, StringComparer.Ordinal).Select(a => a.Value.IsTrue ? a.Tag : $"{a.Tag}={a.Value}"))}";
}
