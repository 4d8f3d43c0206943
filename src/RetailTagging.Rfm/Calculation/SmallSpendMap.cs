using System.Diagnostics.CodeAnalysis;

namespace RetailTagging.Rfm.Calculation;

/// <summary>A read-only map over a few (category, spend) pairs: one small array instead of a hash table per customer.</summary>
internal sealed class SmallSpendMap(KeyValuePair<string, decimal>[] pairs) : IReadOnlyDictionary<string, decimal>
{
    public decimal this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => pairs.Select(p => p.Key);

    public IEnumerable<decimal> Values => pairs.Select(p => p.Value);

    public int Count => pairs.Length;

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out decimal value)
    {
        foreach (var (k, v) in pairs)
        {
            if (string.Equals(k, key, StringComparison.Ordinal))
            {
                value = v;
                return true;
            }
        }
        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, decimal>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, decimal>>)pairs).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
