namespace RetailTagging.Identity;

/// <summary>The outcome of normalising one identifier value: the canonical value, or why it was rejected.</summary>
public readonly record struct NormalizedValue
{
    private NormalizedValue(string? value, string? reason)
    {
        Value = value;
        Reason = reason;
    }

    /// <summary>The canonical value; <see langword="null"/> when rejected.</summary>
    public string? Value { get; }

    /// <summary>Why the value was rejected; <see langword="null"/> when valid.</summary>
    public string? Reason { get; }

    /// <summary>Whether the value is usable.</summary>
    public bool IsValid => Value is not null;

    /// <summary>A valid canonical value.</summary>
    public static NormalizedValue Valid(string value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A rejected value with the reason.</summary>
    public static NormalizedValue Invalid(string reason) => new(null, reason ?? throw new ArgumentNullException(nameof(reason)));

    /// <inheritdoc />
    public override string ToString() => Value ?? $"invalid: {Reason}";
}
