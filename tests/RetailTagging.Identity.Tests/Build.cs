using RetailTagging.Identity;

namespace RetailTagging.Identity.Tests;

/// <summary>Terse record construction for tests.</summary>
internal static class Build
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static SourceRecord Record(string id, string source = "pos", int minutes = 0, (string Type, string Value)[]? ids = null, (string Name, string Value)[]? attrs = null, int? updatedMinutes = null) =>
        new(id, source)
        {
            CreatedAt = T0.AddMinutes(minutes),
            UpdatedAt = T0.AddMinutes(updatedMinutes ?? minutes),
            Identifiers = (ids ?? []).Select(i => new SourceIdentifier(i.Type, i.Value)).ToArray(),
            Attributes = (attrs ?? []).ToDictionary(a => a.Name, a => (string?)a.Value),
        };

    public static IdentityResolver Resolver(Action<IdentityResolutionOptions>? configure = null)
    {
        var options = new IdentityResolutionOptions();
        configure?.Invoke(options);
        return new IdentityResolver(options);
    }

    /// <summary>The partition of records into customers, as sets of record ids (independent of customer ids).</summary>
    public static HashSet<string> Partition(IdentityResolver resolver) =>
        resolver.GetAssignments().GroupBy(a => a.CustomerId)
            .Select(g => string.Join(",", g.Select(a => a.RecordId).Order(StringComparer.Ordinal)))
            .ToHashSet();

    public static Dictionary<string, string> Assignments(IdentityResolver resolver) =>
        resolver.GetAssignments().ToDictionary(a => a.RecordId, a => a.CustomerId);
}
