namespace RetailTagging.Language.Ast;

/// <summary>A declaration in a catalog file.</summary>
public abstract record Declaration
{
    /// <summary>Where the declaration starts (ignored by equality).</summary>
    public SyntaxLocation Location { get; init; }

    /// <summary>The declared name.</summary>
    public abstract string Name { get; }
}

/// <summary>One metadata clause of a tag: <c>owner "crm-ops"</c>, <c>ttl 72h</c>...</summary>
public sealed record MetadataClause(string Key, Value Value)
{
    /// <summary>Where the clause is (ignored by equality).</summary>
    public SyntaxLocation Location { get; init; }
}

/// <summary>
/// <c>tag name ["Display"] [: kind[, dimension]] [owner ".."] [use ".."] [description ".."] [ttl 72h] = expr</c>.
/// Kind, dimension and metadata are checked by the catalog checker, not the grammar.
/// </summary>
public sealed record TagDeclaration(
    string TagName,
    string? DisplayName,
    string? KindName,
    string? Dimension,
    NodeList<MetadataClause> Metadata,
    Expr Expression) : Declaration
{
    /// <inheritdoc />
    public override string Name => TagName;
}

/// <summary><c>segment name ["Display"] = expr</c>: an audience over tags and attributes.</summary>
public sealed record SegmentDeclaration(string SegmentName, string? DisplayName, Expr Expression) : Declaration
{
    /// <inheritdoc />
    public override string Name => SegmentName;
}

/// <summary><c>dimension value ["Customer value"]</c></summary>
public sealed record DimensionDeclaration(string DimensionName, string? DisplayName) : Declaration
{
    /// <inheritdoc />
    public override string Name => DimensionName;
}

/// <summary><c>attribute loyalty_points : number ["description"]</c></summary>
public sealed record AttributeDeclaration(string AttributeName, string TypeName, string? Description) : Declaration
{
    /// <inheritdoc />
    public override string Name => AttributeName;
}

/// <summary><c>event wishlist_add ["description"]</c></summary>
public sealed record EventTypeDeclaration(string EventTypeName, string? Description) : Declaration
{
    /// <inheritdoc />
    public override string Name => EventTypeName;
}

/// <summary><c>property purchase.coupon_code : string</c></summary>
public sealed record PropertyDeclaration(string EventType, string PropertyName, string TypeName) : Declaration
{
    /// <inheritdoc />
    public override string Name => $"{EventType}.{PropertyName}";
}

/// <summary><c>score churn ["description"]</c>: a model score the host provides.</summary>
public sealed record ScoreDeclaration(string ScoreName, string? Description) : Declaration
{
    /// <inheritdoc />
    public override string Name => ScoreName;
}

/// <summary><c>timezone "Asia/Shanghai"</c>: the catalog's business time zone.</summary>
public sealed record TimeZoneDeclaration(string TimeZoneId) : Declaration
{
    /// <inheritdoc />
    public override string Name => "timezone";
}
