namespace RetailTagging.Language;

/// <summary>An immutable type of the tag language: a scalar kind, or a list of one scalar kind.</summary>
public sealed class TagType : IEquatable<TagType>
{
    private TagType(TypeKind kind, TagType? element)
    {
        Kind = kind;
        Element = element;
    }

    /// <summary>The kind of the type.</summary>
    public TypeKind Kind { get; }

    /// <summary>For lists, the element type; otherwise <see langword="null"/>.</summary>
    public TagType? Element { get; }

    /// <summary>The type of <c>null</c>.</summary>
    public static TagType Null { get; } = new(TypeKind.Null, null);
    /// <summary>bool.</summary>
    public static TagType Bool { get; } = new(TypeKind.Bool, null);
    /// <summary>number (decimal).</summary>
    public static TagType Number { get; } = new(TypeKind.Number, null);
    /// <summary>string.</summary>
    public static TagType String { get; } = new(TypeKind.String, null);
    /// <summary>instant.</summary>
    public static TagType Instant { get; } = new(TypeKind.Instant, null);
    /// <summary>date.</summary>
    public static TagType Date { get; } = new(TypeKind.Date, null);
    /// <summary>duration.</summary>
    public static TagType Duration { get; } = new(TypeKind.Duration, null);

    /// <summary>A list of <paramref name="element"/>, which must be a scalar type.</summary>
    public static TagType ListOf(TagType element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (!element.IsScalar && element.Kind != TypeKind.Null) throw new ArgumentException("List elements must be scalars.", nameof(element));
        return new TagType(TypeKind.List, element);
    }

    /// <summary>True for bool, number, string, instant, date and duration.</summary>
    public bool IsScalar => Kind is not (TypeKind.List or TypeKind.Null);

    /// <summary>True when values of this type can be ordered with &lt; and &gt;.</summary>
    public bool IsOrdered => Kind is TypeKind.Number or TypeKind.String or TypeKind.Instant or TypeKind.Date or TypeKind.Duration;

    /// <summary>Parses a type name as written in catalogs: <c>number</c>, <c>list&lt;string&gt;</c>...</summary>
    public static bool TryParse(string text, out TagType? type)
    {
        text = text.Replace(" ", "", StringComparison.Ordinal);
        type = text switch
        {
            "bool" => Bool,
            "number" => Number,
            "string" => String,
            "instant" => Instant,
            "date" => Date,
            "duration" => Duration,
            _ when text.StartsWith("list<", StringComparison.Ordinal) && text.EndsWith('>')
                && TryParse(text[5..^1], out var element) && element!.IsScalar => ListOf(element),
            _ => null,
        };
        return type is not null;
    }

    /// <inheritdoc />
    public bool Equals(TagType? other) =>
        other is not null && Kind == other.Kind && Equals(Element, other.Element);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TagType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Element);

    /// <summary>The type as written in catalogs.</summary>
    public override string ToString() => Kind switch
    {
        TypeKind.List => $"list<{Element}>",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
