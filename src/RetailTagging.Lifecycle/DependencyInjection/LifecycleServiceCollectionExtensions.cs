using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailTagging.Lifecycle;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers lifecycle triggers.</summary>
public static class LifecycleServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="LifecycleOptions"/> (validated on first use), the <see cref="TriggerScheduler"/>, and, unless
    /// the host registered its own, <see cref="InMemoryTriggerTimerStore"/>, <see cref="InMemoryConsentStore"/>,
    /// <see cref="InMemoryDeadLetterStore"/> and <see cref="TimeProvider.System"/>. The host registers its
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
        services.TryAddSingleton(sp => new TriggerScheduler(
            sp.GetRequiredService<IOptions<LifecycleOptions>>().Value,
            sp.GetRequiredService<ITriggerSink>(),
            sp.GetRequiredService<ITriggerTimerStore>(),
            sp.GetRequiredService<IConsentStore>(),
            sp.GetRequiredService<IDeadLetterStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<TriggerScheduler>>()));
        return services;
    }

    /// <summary>Adds lifecycle triggers next to the tagging engine: <c>services.AddRetailTagging(...).AddLifecycleTriggers(...)</c>.</summary>
    public static IRetailTaggingBuilder AddLifecycleTriggers(this IRetailTaggingBuilder builder, Action<LifecycleOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLifecycleTriggers(configure);
        return builder;
    }
}
