using System.Collections;
using System.Collections.Frozen;

namespace RetailTagging.Engine;

/// <summary>The tags one customer holds as of an instant. Immutable.</summary>
public sealed class TagSet : IReadOnlyDictionary<string, TagAssignment>
{
    private readonly FrozenDictionary<string, TagAssignment> _assignments;

    /// <summary>Creates a tag set.</summary>
    public TagSet(string customerId, DateTimeOffset asOf, IEnumerable<TagAssignment> assignments)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentNullException.ThrowIfNull(assignments);
        CustomerId = customerId;
        AsOf = asOf;
        _assignments = assignments.ToFrozenDictionary(a => a.Tag, StringComparer.Ordinal);
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
