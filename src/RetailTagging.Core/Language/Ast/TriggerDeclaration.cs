namespace RetailTagging.Language.Ast;

/// <summary>
/// <c>trigger name ["Display"] on source clause*</c>: a lifecycle trigger. The grammar accepts any
/// clause in any order; the trigger checker validates names, values, repeats and combinations.
/// </summary>
internal sealed record TriggerDeclaration(string TriggerName, string? DisplayName, TriggerSourceSyntax Source, NodeList<TriggerClause> Clauses) : Declaration
{
    /// <inheritdoc />
    public override string Name => TriggerName;
}

/// <summary>What fires a trigger, as written after <c>on</c>.</summary>
internal abstract record TriggerSourceSyntax
{
    /// <summary>Where the source starts (ignored by equality).</summary>
    public SyntaxLocation Location { get; init; }
}

/// <summary><c>on event purchase [where filter] [when condition]</c>.</summary>
internal sealed record EventSourceSyntax(string EventType, Expr? Filter, Expr? Condition) : TriggerSourceSyntax;

/// <summary><c>on tag dormant_90 entered</c> (or <c>exited</c>, <c>changed</c>; the checker validates the word).</summary>
internal sealed record TagSourceSyntax(string Tag, string Transition) : TriggerSourceSyntax
{
    /// <summary>Where the transition word is (ignored by equality).</summary>
    public SyntaxLocation TransitionLocation { get; init; }
}

/// <summary><c>on date birth_date [- 3d] at 10:00</c>.</summary>
internal sealed record DateSourceSyntax(string Attribute, TimeSpan Offset, decimal Hour, decimal Minute) : TriggerSourceSyntax
{
    /// <summary>Where the offset is, when one is written (ignored by equality).</summary>
    public SyntaxLocation OffsetLocation { get; init; }

    /// <summary>Where the time of day is (ignored by equality).</summary>
    public SyntaxLocation TimeLocation { get; init; }
}

/// <summary><c>on inactivity purchase [where filter] for 28d</c>.</summary>
internal sealed record InactivitySourceSyntax(string EventType, Expr? Filter, TimeSpan Period) : TriggerSourceSyntax
{
    /// <summary>Where the period is (ignored by equality).</summary>
    public SyntaxLocation PeriodLocation { get; init; }
}

/// <summary>One clause of a trigger after its source.</summary>
internal abstract record TriggerClause
{
    /// <summary>Where the clause's first word is (ignored by equality).</summary>
    public SyntaxLocation Location { get; init; }

    /// <summary>The clause as named in messages: <c>after</c>, <c>not followed by</c>...</summary>
    public abstract string Keyword { get; }
}

/// <summary><c>after 72h</c>.</summary>
internal sealed record DelayClause(TimeSpan Delay) : TriggerClause
{
    /// <inheritdoc />
    public override string Keyword => "after";
}

/// <summary>
/// <c>unless purchase [where filter] [within 72h]</c>, or, when <paramref name="Sequence"/>,
/// <c>not followed by checkout [where filter] within 30m</c> (which also sets the delay).
/// </summary>
internal sealed record CancelClause(string EventType, Expr? Filter, TimeSpan? Within, bool Sequence) : TriggerClause
{
    /// <inheritdoc />
    public override string Keyword => Sequence ? "not followed by" : "unless";
}

/// <summary><c>do send_coupon</c>.</summary>
internal sealed record ActionClause(string Action) : TriggerClause
{
    /// <inheritdoc />
    public override string Keyword => "do";
}

/// <summary><c>via wechat, sms</c>.</summary>
internal sealed record ChannelsClause(NodeList<(string Name, SyntaxLocation Location)> Channels) : TriggerClause
{
    /// <inheritdoc />
    public override string Keyword => "via";
}

/// <summary><c>priority 50</c>.</summary>
internal sealed record PriorityClause(decimal Priority) : TriggerClause
{
    /// <inheritdoc />
    public override string Keyword => "priority";
}

/// <summary><c>cooldown 24h</c>.</summary>
internal sealed record CooldownClause(TimeSpan Cooldown) : TriggerClause
{
    /// <inheritdoc />
    public override string Keyword => "cooldown";
}

/// <summary><c>service</c>: a service action, outside the frequency cap and quiet hours.</summary>
internal sealed record ServiceClause : TriggerClause
{
    /// <inheritdoc />
    public override string Keyword => "service";
}

/// <summary><c>with risk "high", due_within "PT2H"</c>: static properties of every firing.</summary>
internal sealed record PropertiesClause(NodeList<(string Key, string Value, SyntaxLocation Location)> Properties) : TriggerClause
{
    /// <inheritdoc />
    public override string Keyword => "with";
}

/// <summary>A word that is no clause; kept so the checker can name it and suggest one.</summary>
internal sealed record UnknownClause(string Word) : TriggerClause
{
    /// <inheritdoc />
    public override string Keyword => Word;
}
