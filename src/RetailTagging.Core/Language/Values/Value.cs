using System.Collections.Immutable;
using System.Globalization;

namespace RetailTagging.Language;

/// <summary>
/// An immutable value of the tag language: null, bool, number (decimal), string, instant,
/// date, duration or a list of scalars. Instants are held in UTC.
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    private readonly decimal _number;
    private readonly long _bits;
    private readonly object? _reference;

    private Value(TypeKind kind, decimal number = 0, long bits = 0, object? reference = null)
    {
        Kind = kind;
        _number = number;
        _bits = bits;
        _reference = reference;
    }

    /// <summary>The kind of value; <see cref="TypeKind.Null"/> for null.</summary>
    public TypeKind Kind { get; }

    /// <summary>True when the value is null.</summary>
    public bool IsNull => Kind == TypeKind.Null;

    /// <summary>The null value.</summary>
    public static Value Null => default;

    /// <summary>A bool.</summary>
    public static Value FromBool(bool value) => new(TypeKind.Bool, bits: value ? 1 : 0);
    /// <summary>A number.</summary>
    public static Value FromNumber(decimal value) => new(TypeKind.Number, number: value);
    /// <summary>A string (null gives <see cref="Null"/>).</summary>
    public static Value FromString(string? value) => value is null ? Null : new(TypeKind.String, reference: value);
    /// <summary>An instant, normalised to UTC.</summary>
    public static Value FromInstant(DateTimeOffset value) => new(TypeKind.Instant, bits: value.UtcTicks);
    /// <summary>A date.</summary>
    public static Value FromDate(DateOnly value) => new(TypeKind.Date, bits: value.DayNumber);
    /// <summary>A duration.</summary>
    public static Value FromDuration(TimeSpan value) => new(TypeKind.Duration, bits: value.Ticks);
    /// <summary>A list of scalar values.</summary>
    public static Value FromList(ImmutableArray<Value> items) => new(TypeKind.List, reference: items);

    /// <summary>Nullable helpers used by compiled code and the interpreter alike.</summary>
    public static Value From(bool? value) => value is { } v ? FromBool(v) : Null;
    /// <inheritdoc cref="From(bool?)"/>
    public static Value From(decimal? value) => value is { } v ? FromNumber(v) : Null;
    /// <inheritdoc cref="From(bool?)"/>
    public static Value From(DateTimeOffset? value) => value is { } v ? FromInstant(v) : Null;
    /// <inheritdoc cref="From(bool?)"/>
    public static Value From(DateOnly? value) => value is { } v ? FromDate(v) : Null;
    /// <inheritdoc cref="From(bool?)"/>
    public static Value From(TimeSpan? value) => value is { } v ? FromDuration(v) : Null;

    /// <summary>The bool, or null when this is not a bool.</summary>
    public bool? AsBool => Kind == TypeKind.Bool ? _bits != 0 : null;
    /// <summary>The number, or null.</summary>
    public decimal? AsNumber => Kind == TypeKind.Number ? _number : null;
    /// <summary>The string, or null.</summary>
    public string? AsString => Kind == TypeKind.String ? (string)_reference! : null;
    /// <summary>The instant (UTC), or null.</summary>
    public DateTimeOffset? AsInstant => Kind == TypeKind.Instant ? new DateTimeOffset(_bits, TimeSpan.Zero) : null;
    /// <summary>The date, or null.</summary>
    public DateOnly? AsDate => Kind == TypeKind.Date ? DateOnly.FromDayNumber((int)_bits) : null;
    /// <summary>The duration, or null.</summary>
    public TimeSpan? AsDuration => Kind == TypeKind.Duration ? new TimeSpan(_bits) : null;
    /// <summary>The list items, or an empty array.</summary>
    public ImmutableArray<Value> AsList => Kind == TypeKind.List ? (ImmutableArray<Value>)_reference! : [];

    /// <summary>True only for the bool <see langword="true"/>: the test that decides whether a tag is assigned.</summary>
    public bool IsTrue => Kind == TypeKind.Bool && _bits != 0;

    /// <summary>
    /// Converts a host value (from custom attributes or event properties) to a value of
    /// <paramref name="type"/>; anything that does not fit gives null rather than an exception.
    /// </summary>
    public static Value FromObject(object? value, TagType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return HostValueConverter.Convert(value, type);
    }

    /// <summary>The value as a plain .NET object: bool, decimal, string, DateTimeOffset, DateOnly, TimeSpan, list or null.</summary>
    public object? ToObject() => Kind switch
    {
        TypeKind.Bool => AsBool,
        TypeKind.Number => _number,
        TypeKind.String => _reference,
        TypeKind.Instant => AsInstant,
        TypeKind.Date => AsDate,
        TypeKind.Duration => AsDuration,
        TypeKind.List => AsList.Select(v => v.ToObject()).ToArray(),
        _ => null,
    };

    /// <inheritdoc />
    public bool Equals(Value other)
    {
        if (Kind != other.Kind) return false;
        return Kind switch
        {
            TypeKind.Number => _number == other._number,
            TypeKind.String => string.Equals((string)_reference!, (string)other._reference!, StringComparison.Ordinal),
            TypeKind.List => AsList.SequenceEqual(other.AsList),
            _ => _bits == other._bits,
        };
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        // decimal equality ignores trailing zeros (1.0 == 1), and so does its hash code.
        TypeKind.Number => HashCode.Combine(Kind, _number),
        TypeKind.String => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode((string)_reference!)),
        TypeKind.List => AsList.Aggregate((int)Kind, (h, v) => HashCode.Combine(h, v.GetHashCode())),
        _ => HashCode.Combine(Kind, _bits),
    };

    /// <summary>Equality.</summary>
    public static bool operator ==(Value left, Value right) => left.Equals(right);
    /// <summary>Inequality.</summary>
    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    /// <summary>The value as the language would write it, e.g. <c>"gold"</c>, <c>12.5</c>, <c>90d</c>.</summary>
    public override string ToString() => Kind switch
    {
        TypeKind.Null => "null",
        TypeKind.Bool => _bits != 0 ? "true" : "false",
        TypeKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        TypeKind.String => Syntax.LiteralWriter.Quote((string)_reference!),
        TypeKind.Instant => Syntax.LiteralWriter.Instant(AsInstant!.Value),
        TypeKind.Date => AsDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TypeKind.Duration => Syntax.LiteralWriter.Duration(AsDuration!.Value),
        TypeKind.List => "[" + string.Join(", ", AsList.Select(v => v.ToString())) + "]",
        _ => "?",
    };
}
