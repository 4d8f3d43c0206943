using RetailTagging.Catalog;

namespace RetailTagging.Lifecycle;

/// <summary>
/// Turns the <c>trigger</c> declarations of a compiled catalog into <see cref="TriggerDefinition"/>s,
/// exactly as the same trigger built in code with <see cref="Trigger"/> and the fluent methods.
/// Filters and conditions keep the catalog's compiled expressions (its schema and time zone).
/// </summary>
public static class CatalogTriggers
{
    /// <summary>Every trigger of <paramref name="catalog"/>, in declaration order.</summary>
    public static IReadOnlyList<TriggerDefinition> From(CompiledCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.Triggers.Select(From)];
    }

    /// <summary>One catalog trigger as a definition.</summary>
    public static TriggerDefinition From(CatalogTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var definition = trigger.Source switch
        {
            CatalogTriggerSourceKind.Event => new TriggerDefinition(trigger.Name, new EventTriggerSource(Matcher(Required(trigger.Event, trigger)), trigger.Condition)),
            CatalogTriggerSourceKind.TagEntered => Trigger.OnTagEntered(trigger.Name, Required(trigger.Tag, trigger)),
            CatalogTriggerSourceKind.TagExited => Trigger.OnTagExited(trigger.Name, Required(trigger.Tag, trigger)),
            CatalogTriggerSourceKind.TagChanged => Trigger.OnTagChanged(trigger.Name, Required(trigger.Tag, trigger)),
            CatalogTriggerSourceKind.Date => Trigger.OnDate(trigger.Name, Required(trigger.DateAttribute, trigger), trigger.DateOffsetDays, Required(trigger.LocalTime, trigger)),
            CatalogTriggerSourceKind.Inactivity => Inactivity(trigger),
            _ => throw new ArgumentException($"Trigger '{trigger.Name}' has an unknown source {trigger.Source}.", nameof(trigger)),
        };
        if (trigger.Delay > TimeSpan.Zero) definition = definition.After(trigger.Delay);
        if (trigger.Cancel is { } cancel) definition = definition with { Unless = new CancelCondition(Matcher(cancel.Event), cancel.Within) };
        if (trigger.Action is { } action) definition = definition.Does(action);
        if (trigger.Channels.Count > 0) definition = definition.Via([.. trigger.Channels.Select(Channel)]);
        definition = definition.WithPriority(trigger.Priority);
        if (trigger.Cooldown is { } cooldown) definition = definition.WithCooldown(cooldown);
        if (trigger.IsService) definition = definition.AsService();
        if (trigger.Properties.Count > 0) definition = definition with { Properties = new Dictionary<string, string>(trigger.Properties, StringComparer.Ordinal) };
        return definition;
    }

    /// <summary>The channel a catalog channel name (sms, wechat, email, push, call) stands for.</summary>
    public static TriggerChannel Channel(string name) =>
        Enum.TryParse<TriggerChannel>(name, ignoreCase: true, out var channel) && Enum.IsDefined(channel) && !char.IsDigit(name[0])
            ? channel
            : throw new ArgumentException($"Unknown channel '{name}'; use {string.Join(", ", CatalogTrigger.KnownChannels)}.", nameof(name));

    // As Trigger.OnInactivity: each matching event cancels the pending firing of the one before.
    private static TriggerDefinition Inactivity(CatalogTrigger trigger)
    {
        var matcher = Matcher(Required(trigger.Event, trigger));
        var period = Required(trigger.InactivityPeriod, trigger);
        return new TriggerDefinition(trigger.Name, new EventTriggerSource(matcher)) with
        {
            Delay = period,
            Unless = new CancelCondition(matcher, period),
        };
    }

    private static EventMatcher Matcher(CatalogEventPattern pattern) => EventMatcher.FromCompiled(pattern.EventType, pattern.Where, pattern.Filter);

    private static T Required<T>(T? value, CatalogTrigger trigger) where T : class =>
        value ?? throw new ArgumentException($"Trigger '{trigger.Name}' ({trigger.Source}) lacks its {typeof(T).Name.ToLowerInvariant()}.", nameof(trigger));

    private static T Required<T>(T? value, CatalogTrigger trigger) where T : struct =>
        value ?? throw new ArgumentException($"Trigger '{trigger.Name}' ({trigger.Source}) lacks its {typeof(T).Name}.", nameof(trigger));
}
