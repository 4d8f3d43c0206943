using RetailTagging.Catalog;

namespace RetailTagging.Lifecycle;

/// <summary>The triggers and the policies that govern them.</summary>
public sealed class LifecycleOptions
{
    /// <summary>The trigger definitions; ids must be unique.</summary>
    public IList<TriggerDefinition> Triggers { get; } = new List<TriggerDefinition>();

    private TimeZoneInfo? _timeZone;
    private TimeZoneInfo? _catalogTimeZone;

    /// <summary>
    /// The business time zone for quiet hours and date triggers. Default: the catalog's <c>timezone</c> once
    /// <see cref="UseCatalogTriggers(CompiledCatalog)"/> (or, with dependency injection, <see cref="UseCatalogTriggers()"/>)
    /// brings triggers from a catalog, so "10:00 local" means what the catalog's author meant; otherwise UTC.
    /// Setting it explicitly wins over the catalog's.
    /// </summary>
    public TimeZoneInfo TimeZone
    {
        get => _timeZone ?? _catalogTimeZone ?? TimeZoneInfo.Utc;
        set => _timeZone = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Quiet hours; null for none.</summary>
    public QuietHours? QuietHours { get; set; }

    /// <summary>The cap on marketing touches per customer; null for none.</summary>
    public FrequencyCap? FrequencyCap { get; set; }

    /// <summary>The cooldown for triggers that set none. Default zero (no cooldown).</summary>
    public TimeSpan DefaultCooldown { get; set; }

    /// <summary>Retries, backoff and dead-lettering.</summary>
    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>
    /// How long a decided idempotency key is remembered, so a replayed cause is not fired again.
    /// Make it longer than the longest delay plus the furthest a replay reaches back. Default 400 days.
    /// </summary>
    public TimeSpan KeyRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>The most timers one sweep takes. Default 4096.</summary>
    public int SweepBatchSize { get; set; } = 4096;

    /// <summary>Adds triggers.</summary>
    public LifecycleOptions Add(params TriggerDefinition[] triggers)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        foreach (var trigger in triggers) Triggers.Add(trigger ?? throw new ArgumentException("A trigger is null.", nameof(triggers)));
        return this;
    }

    /// <summary>Adds the <c>trigger</c> declarations of <paramref name="catalog"/> (see <see cref="CatalogTriggers"/>).</summary>
    public LifecycleOptions UseCatalogTriggers(CompiledCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalogTimeZone = catalog.TimeZone;
        return Add([.. CatalogTriggers.From(catalog)]);
    }

    /// <summary>
    /// With dependency injection: adds the <c>trigger</c> declarations of the registered
    /// <see cref="CompiledCatalog"/> (from <c>AddRetailTagging</c>) when the scheduler is first resolved.
    /// </summary>
    public LifecycleOptions UseCatalogTriggers()
    {
        CatalogTriggersFromServices = true;
        return this;
    }

    /// <summary>Set by <see cref="UseCatalogTriggers()"/>: the DI registration adds the registered catalog's triggers.</summary>
    internal bool CatalogTriggersFromServices { get; private set; }

    /// <summary>A copy with the triggers (and time zone) of <paramref name="catalog"/> added; the host's options instance stays as configured.</summary>
    internal LifecycleOptions With(CompiledCatalog catalog)
    {
        var copy = new LifecycleOptions
        {
            _timeZone = _timeZone,
            _catalogTimeZone = catalog.TimeZone,
            QuietHours = QuietHours,
            FrequencyCap = FrequencyCap,
            DefaultCooldown = DefaultCooldown,
            Delivery = Delivery,
            KeyRetention = KeyRetention,
            SweepBatchSize = SweepBatchSize,
        };
        copy.Add([.. Triggers, .. CatalogTriggers.From(catalog)]);
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first problem.</summary>
    public void Validate()
    {
        var duplicate = Triggers.GroupBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Trigger id '{duplicate.Key}' is defined more than once.");
        if (FrequencyCap is { } cap && (cap.MaxTouches < 1 || cap.Window <= TimeSpan.Zero))
            throw new ArgumentException("FrequencyCap needs MaxTouches >= 1 and a positive Window.");
        if (DefaultCooldown < TimeSpan.Zero) throw new ArgumentException("DefaultCooldown must not be negative.");
        if (KeyRetention <= TimeSpan.Zero) throw new ArgumentException("KeyRetention must be positive.");
        if (SweepBatchSize < 1) throw new ArgumentException("SweepBatchSize must be at least 1.");
        ArgumentNullException.ThrowIfNull(Delivery);
        Delivery.Validate();
    }
}
