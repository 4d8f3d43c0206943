namespace RetailTagging.Language.Runtime;

/// <summary>
/// The custom attributes one evaluation has read, converted once: rules often read the same
/// attribute several times (a <c>case</c> over <c>customer.preferred_store</c> reads it in every
/// branch), and each read would otherwise be a dictionary lookup plus a conversion. Customers are
/// immutable, so a value read once holds for the whole evaluation; the frame clears the cache
/// when it moves to another customer.
/// </summary>
internal sealed class AttributeCache
{
    // Catalogs read a handful of custom attributes; past this many, reads simply are not cached.
    private const int Capacity = 16;

    private readonly string[] _names = new string[Capacity];
    private readonly TagType[] _types = new TagType[Capacity];
    private readonly Value[] _values = new Value[Capacity];
    private int _count;

    /// <summary>Forgets every cached value (a new customer).</summary>
    public void Clear()
    {
        // Expressions that read no custom attribute (single predicates) pay one compare here.
        if (_count == 0) return;
        Array.Clear(_values, 0, _count);
        _count = 0;
    }

    /// <summary>The attribute's value, as <see cref="HostData.CustomAttribute"/> gives it.</summary>
    public Value Read(Customer customer, string name, TagType type)
    {
        // Compiled code passes the schema's own name and type instances: reference comparison suffices.
        for (var i = 0; i < _count; i++)
            if (ReferenceEquals(_names[i], name) && ReferenceEquals(_types[i], type)) return _values[i];
        var value = HostData.CustomAttribute(customer, name, type);
        if (_count < Capacity)
        {
            _names[_count] = name;
            _types[_count] = type;
            _values[_count++] = value;
        }
        return value;
    }
}
