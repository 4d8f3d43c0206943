using System.Collections.Frozen;

namespace RetailTagging;

/// <summary>
/// An immutable snapshot of one customer: the built-in attributes every catalog knows and the
/// custom attributes a catalog declares. A missing attribute is <see langword="null"/>.
/// </summary>
public sealed record Customer
{
    private readonly IReadOnlyDictionary<string, object?> _attributes = FrozenDictionary<string, object?>.Empty;

    /// <summary>Creates a customer with the given id.</summary>
    /// <param name="id">The customer's stable id; must not be empty.</param>
    public Customer(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    /// <summary>The customer's stable id (<c>customer.id</c>).</summary>
    public string Id { get; }

    /// <summary>Full name (<c>customer.name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Gender as the host records it, e.g. <c>"F"</c>, <c>"M"</c> (<c>customer.gender</c>).</summary>
    public string? Gender { get; init; }

    /// <summary>Date of birth (<c>customer.birth_date</c>); <c>customer.age</c> derives from it.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>Phone number (<c>customer.phone</c>).</summary>
    public string? Phone { get; init; }

    /// <summary>E-mail address (<c>customer.email</c>).</summary>
    public string? Email { get; init; }

    /// <summary>City (<c>customer.city</c>).</summary>
    public string? City { get; init; }

    /// <summary>When the customer registered (<c>customer.registered_at</c>).</summary>
    public DateTimeOffset? RegisteredAt { get; init; }

    /// <summary>Membership level, e.g. <c>"gold"</c> (<c>customer.member_level</c>).</summary>
    public string? MemberLevel { get; init; }

    /// <summary>
    /// Custom attributes by name, as declared in the catalog or schema. Values are
    /// <see cref="string"/>, <see cref="bool"/>, numbers (converted to <see cref="decimal"/>),
    /// <see cref="DateTimeOffset"/>, <see cref="DateOnly"/>, <see cref="TimeSpan"/> or lists of these.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Attributes
    {
        get => _attributes;
        init => _attributes = value is FrozenDictionary<string, object?> frozen
            ? frozen
            : (value ?? throw new ArgumentNullException(nameof(value))).ToFrozenDictionary(StringComparer.Ordinal);
    }
}
