using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailTagging.Identity;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers identity resolution.</summary>
public static class IdentityResolutionServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IdentityResolver"/> (singleton) configured by <paramref name="configure"/>, with
    /// <see cref="InMemoryIdentityStore"/> as the <see cref="IIdentityStore"/> unless one is registered
    /// (the EF Core adapter registers its own) and <see cref="TimeProvider.System"/> unless a clock is registered.
    /// </summary>
    public static IServiceCollection AddIdentityResolution(this IServiceCollection services, Action<IdentityResolutionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<IdentityResolutionOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        services.TryAddSingleton<IIdentityStore, InMemoryIdentityStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new IdentityResolver(
            sp.GetRequiredService<IOptions<IdentityResolutionOptions>>().Value,
            sp.GetRequiredService<IIdentityStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<IdentityResolver>()));
        return services;
    }
}
