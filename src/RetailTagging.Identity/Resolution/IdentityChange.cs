namespace RetailTagging.Identity;

/// <summary>The kind of change in the identity history.</summary>
public enum IdentityChangeKind
{
    /// <summary>Customers were merged into one.</summary>
    Merged,
    /// <summary>A customer was split into several.</summary>
    Split,
}

/// <summary>One entry of the identity history: which customers became which, when and why.</summary>
/// <param name="At">When the change happened.</param>
/// <param name="Kind">Merge or split.</param>
/// <param name="Before">Customer ids before.</param>
/// <param name="After">Customer ids after.</param>
/// <param name="Reason">The merge reasons, or what caused the split.</param>
public sealed record IdentityChange(DateTimeOffset At, IdentityChangeKind Kind, IReadOnlyList<string> Before, IReadOnlyList<string> After, string Reason);
