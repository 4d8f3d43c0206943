using System.Collections;
using System.Collections.Immutable;

namespace RetailTagging.Language.Ast;

/// <summary>An immutable list with structural equality, so that syntax records compare by content.</summary>
public readonly struct NodeList<T> : IReadOnlyList<T>, IEquatable<NodeList<T>>
{
    private readonly ImmutableArray<T> _items;

    /// <summary>Wraps <paramref name="items"/>.</summary>
    public NodeList(IEnumerable<T> items) => _items = [.. items];

    private ImmutableArray<T> Items => _items.IsDefault ? [] : _items;

    /// <inheritdoc />
    public T this[int index] => Items[index];

    /// <inheritdoc />
    public int Count => Items.Length;

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(NodeList<T> other) => Items.SequenceEqual(other.Items);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NodeList<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Items.Aggregate(Count, (h, item) => HashCode.Combine(h, item));

    /// <summary>Creates a list from items.</summary>
    public static implicit operator NodeList<T>(T[] items) => new(items);
}
