using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace RetailTagging.Lifecycle.Tests.Policies;

/// <summary>The compact key table behind the in-memory policy store agrees with a dictionary.</summary>
public sealed class DecidedKeySetTests
{
    [Property(MaxTest = 300)]
    public Property It_agrees_with_a_dictionary_through_growth_re_marks_and_prunes(int[] ops, PositiveInt keys)
    {
        var n = keys.Get % 2000 + 1;
        var set = new DecidedKeySet();
        var model = new Dictionary<string, long>(StringComparer.Ordinal);
        var step = 0u;
        foreach (var op in ops.Concat(ops).Concat(ops))
        {
            var u = (uint)op * 2654435761u + step++ * 40503u;
            // Keys of varied length, the empty key and a shared prefix among them.
            var key = u % 97 == 0 ? "" : $"trigger|c{u % (uint)n}|event:{new string('x', (int)(u / 7 % 40))}";
            var expires = u / 13 % 100;
            if (u / 101 % 11 == 0)
            {
                set.Prune(expires);
                foreach (var k in model.Where(p => p.Value <= expires).Select(p => p.Key).ToList()) model.Remove(k);
            }
            else
            {
                set.Set(key, expires);
                model[key] = expires;
            }
        }
        var agree = model.All(p => set.TryGetExpiry(p.Key, out var e) && e == p.Value)
                    && !set.TryGetExpiry("absent|key", out _);
        return (agree && set.Count == model.Count).Label($"{n} keys, {set.Count} vs {model.Count}");
    }
}
