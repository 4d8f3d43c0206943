namespace RetailTagging.Language.Runtime;

/// <summary>
/// Reads customer attributes and event fields by schema name. The mapping from names to members
/// is this closed table: no name an author writes ever reaches reflection.
/// </summary>
internal static class HostData
{
    public static Value Attribute(Customer customer, AttributeDefinition attribute, EvaluationFrame frame) => attribute.Name switch
    {
        "id" when attribute.IsBuiltIn => Value.FromString(customer.Id),
        "name" when attribute.IsBuiltIn => Value.FromString(customer.Name),
        "gender" when attribute.IsBuiltIn => Value.FromString(customer.Gender),
        "birth_date" when attribute.IsBuiltIn => Value.From(customer.BirthDate),
        "age" when attribute.IsBuiltIn => Value.From(Calendar.AgeYears(customer.BirthDate, frame)),
        "phone" when attribute.IsBuiltIn => Value.FromString(customer.Phone),
        "email" when attribute.IsBuiltIn => Value.FromString(customer.Email),
        "city" when attribute.IsBuiltIn => Value.FromString(customer.City),
        "registered_at" when attribute.IsBuiltIn => Value.From(customer.RegisteredAt),
        "member_level" when attribute.IsBuiltIn => Value.FromString(customer.MemberLevel),
        _ => CustomAttribute(customer, attribute.Name, attribute.Type),
    };

    /// <summary>A custom attribute of the frame's customer, converted once per evaluation (see <see cref="AttributeCache"/>).</summary>
    public static Value CachedAttribute(EvaluationFrame frame, string name, TagType type) => frame.Attributes.Read(frame.Customer, name, type);

    public static Value CustomAttribute(Customer customer, string name, TagType type) =>
        customer.Attributes.TryGetValue(name, out var value) ? HostValueConverter.Convert(value, type) : Value.Null;

    public static Value EventField(CustomerEvent e, PropertyDefinition property) => property.Name switch
    {
        "id" when property.IsBuiltIn => Value.FromString(e.Id),
        "type" when property.IsBuiltIn => Value.FromString(e.Type),
        "at" when property.IsBuiltIn => Value.FromInstant(e.At),
        "channel" when property.IsBuiltIn => Value.FromString(e.Channel),
        "store" when property.IsBuiltIn => Value.FromString(e.Store),
        "amount" when property.IsBuiltIn => Value.From(e.Amount),
        "sku" when property.IsBuiltIn => Value.FromString(e.Sku),
        "category" when property.IsBuiltIn => Value.FromString(e.Category),
        "brand" when property.IsBuiltIn => Value.FromString(e.Brand),
        "quantity" when property.IsBuiltIn => Value.From(e.Quantity),
        _ => CustomProperty(e, property.Name, property.Type),
    };

    public static Value CustomProperty(CustomerEvent e, string name, TagType type) =>
        e.Properties.TryGetValue(name, out var value) ? HostValueConverter.Convert(value, type) : Value.Null;

    public static decimal? Score(EvaluationFrame frame, string name) =>
        frame.Scores.TryGetValue(name, out var score) ? score : null;
}
