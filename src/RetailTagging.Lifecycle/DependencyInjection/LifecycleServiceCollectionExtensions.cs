using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailTagging.Catalog;
using RetailTagging.Lifecycle;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers lifecycle triggers.</summary>
public static class LifecycleServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="LifecycleOptions"/> (validated on first use), the <see cref="TriggerScheduler"/>, and, unless
    /// the host registered its own, <see cref="InMemoryTriggerTimerStore"/>, <see cref="InMemoryConsentStore"/>,
    /// <see cref="InMemoryDeadLetterStore"/>, <see cref="InMemoryTriggerPolicyStore"/> and <see cref="TimeProvider.System"/>. The host registers its
    /// <see cref="ITriggerSink"/> and runs <see cref="TriggerScheduler.RunAsync"/> (e.g. from a hosted service).
    /// </summary>
    public static IServiceCollection AddLifecycleTriggers(this IServiceCollection services, Action<LifecycleOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<LifecycleOptions>().Configure(configure).Validate(o =>
        {
            o.Validate();
            return true;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITriggerTimerStore, InMemoryTriggerTimerStore>();
        services.TryAddSingleton<InMemoryConsentStore>();
        services.TryAddSingleton<IConsentStore>(sp => sp.GetRequiredService<InMemoryConsentStore>());
        services.TryAddSingleton<IDeadLetterStore, InMemoryDeadLetterStore>();
        services.TryAddSingleton<ITriggerPolicyStore, InMemoryTriggerPolicyStore>();
        services.TryAddSingleton(sp => new TriggerScheduler(
            Resolve(sp.GetRequiredService<IOptions<LifecycleOptions>>().Value, sp),
            sp.GetRequiredService<ITriggerSink>(),
            sp.GetRequiredService<ITriggerTimerStore>(),
            sp.GetRequiredService<IConsentStore>(),
            sp.GetRequiredService<IDeadLetterStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<TriggerScheduler>>(),
            sp.GetRequiredService<ITriggerPolicyStore>()));
        return services;
    }

    // UseCatalogTriggers() without a catalog: take the one AddRetailTagging registered.
    private static LifecycleOptions Resolve(LifecycleOptions options, IServiceProvider services)
    {
        if (!options.CatalogTriggersFromServices) return options;
        var catalog = services.GetService<CompiledCatalog>()
            ?? throw new InvalidOperationException("UseCatalogTriggers() needs a CompiledCatalog service: call AddRetailTagging(...) first, or pass the catalog to UseCatalogTriggers(catalog).");
        return options.With(catalog);
    }

    /// <summary>Adds lifecycle triggers next to the tagging engine: <c>services.AddRetailTagging(...).AddLifecycleTriggers(...)</c>.</summary>
    public static IRetailTaggingBuilder AddLifecycleTriggers(this IRetailTaggingBuilder builder, Action<LifecycleOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLifecycleTriggers(configure);
        return builder;
    }
}
