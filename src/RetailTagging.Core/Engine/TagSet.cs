using System.Collections;
using RetailTagging.Engine.State;

namespace RetailTagging.Engine;

/// <summary>The tags one customer holds as of an instant. Immutable and safe to read from several threads.</summary>
public sealed class TagSet : IReadOnlyDictionary<string, TagAssignment>
{
    // Either a dictionary (sets built from assignments) or the engine's compact encoding, whose
    // assignment objects are created on first read: an evaluation whose tags nobody reads one by one
    // (incremental state, a batch that only counts) allocates no object per held tag.
    private readonly Dictionary<string, TagAssignment>? _assignments;
    private readonly HeldTags? _held;
    private TagAssignment?[]? _materialized;

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

    /// <summary>A set over the engine's compact encoding; <paramref name="materialized"/> seeds assignment objects carried over (may be null).</summary>
    internal TagSet(string customerId, DateTimeOffset asOf, HeldTags held, TagAssignment?[]? materialized = null)
    {
        CustomerId = customerId;
        AsOf = asOf;
        _held = held;
        _materialized = materialized;
    }

    /// <summary>An empty set.</summary>
    public static TagSet Empty(string customerId, DateTimeOffset asOf) => new(customerId, asOf, []);

    /// <summary>The customer.</summary>
    public string CustomerId { get; }

    /// <summary>The instant the set describes.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>The compact encoding, when the engine built this set.</summary>
    internal HeldTags? Held => _held;

    /// <summary>The assignment object of the k-th compact entry if one was already created, else null.</summary>
    internal TagAssignment? MaterializedAt(int k) => _materialized?[k];

    /// <inheritdoc />
    public TagAssignment this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The tag set holds no tag '{key}'.");

    /// <inheritdoc />
    public IEnumerable<string> Keys => _assignments?.Keys ?? HeldNames();

    /// <inheritdoc />
    public IEnumerable<TagAssignment> Values => _assignments?.Values ?? HeldAssignments();

    /// <inheritdoc />
    public int Count => _assignments?.Count ?? _held!.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _assignments?.ContainsKey(key) ?? HeldIndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, out TagAssignment value)
    {
        if (_assignments is not null) return _assignments.TryGetValue(key, out value!);
        var k = HeldIndexOf(key);
        value = k >= 0 ? Assignment(k) : null!;
        return k >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, TagAssignment>> GetEnumerator() =>
        _assignments is not null ? ((IEnumerable<KeyValuePair<string, TagAssignment>>)_assignments).GetEnumerator() : HeldPairs().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"{CustomerId}@{AsOf:O}: {string.Join(", ", Values.OrderBy(a => a.Tag, StringComparer.Ordinal).Select(a => a.Value.IsTrue ? a.Tag : $"{a.Tag}={a.Value}"))}";

    private int HeldIndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var tag = _held!.Catalog.IndexOf(key);
        return tag < 0 ? -1 : _held.Find(tag);
    }

    /// <summary>The k-th compact entry as an object, created once per set (racing readers agree on one).</summary>
    private TagAssignment Assignment(int k)
    {
        var cache = _materialized ?? Interlocked.CompareExchange(ref _materialized, new TagAssignment?[_held!.Count], null) ?? _materialized;
        return cache[k] ?? Interlocked.CompareExchange(ref cache[k], _held!.Materialize(k), null) ?? cache[k]!;
    }

    private IEnumerable<string> HeldNames()
    {
        for (var k = 0; k < _held!.Count; k++) yield return _held.Catalog.Tags[_held.TagAt(k)].Name;
    }

    private IEnumerable<TagAssignment> HeldAssignments()
    {
        for (var k = 0; k < _held!.Count; k++) yield return Assignment(k);
    }

    private IEnumerable<KeyValuePair<string, TagAssignment>> HeldPairs()
    {
        for (var k = 0; k < _held!.Count; k++) yield return new(_held.Catalog.Tags[_held.TagAt(k)].Name, Assignment(k));
    }
}
