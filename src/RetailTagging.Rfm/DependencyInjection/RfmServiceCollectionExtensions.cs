using RetailTagging.Engine;
using RetailTagging.Rfm.Tagging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailTagging.Rfm;
using RetailTagging.Rfm.Batch;
using RetailTagging.Rfm.Calculation;
using RetailTagging.Rfm.Profiles;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers RFM scoring.</summary>
public static class RfmServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RfmOptions"/> (validated on first use), <see cref="RfmCalculator"/>, <see cref="RfmModelStore"/>
    /// (holding <paramref name="initialModels"/>), <see cref="RfmProfileService"/>, <see cref="RfmBatch"/> and, if none
    /// is registered, <see cref="TimeProvider.System"/>.
    /// </summary>
    public static IServiceCollection AddRfmScoring(this IServiceCollection services, Action<RfmOptions>? configure = null,
        RfmModelSet? initialModels = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<RfmOptions>();
        if (configure is not null)
            optionsBuilder.Configure(configure);
        optionsBuilder.Validate(o =>
        {
            o.Validate();
            return true;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RfmCalculator(sp.GetRequiredService<IOptions<RfmOptions>>().Value));
        services.TryAddSingleton(sp => new RfmModelStore(initialModels, sp.GetService<ILogger<RfmModelStore>>()));
        services.TryAddSingleton<RfmProfileService>();
        services.TryAddSingleton(sp => new RfmBatch(sp.GetRequiredService<RfmCalculator>()));
        // The tag engine reads RFM values as scores and rfm_* attributes (see RfmTagValues).
        services.TryAddSingleton(sp => new RfmTagValues(sp.GetRequiredService<RfmProfileService>(), sp.GetRequiredService<IOptions<RfmOptions>>().Value));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IScoreProvider, RfmTagValues>(sp => sp.GetRequiredService<RfmTagValues>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICustomerAttributeProvider, RfmTagValues>(sp => sp.GetRequiredService<RfmTagValues>()));
        return services;
    }

    /// <summary>Adds RFM scoring to a <c>services.AddRetailTagging(...)</c> chain.</summary>
    public static IRetailTaggingBuilder AddRfmScoring(this IRetailTaggingBuilder builder, Action<RfmOptions>? configure = null, RfmModelSet? initialModels = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRfmScoring(configure, initialModels);
        return builder;
    }
}
