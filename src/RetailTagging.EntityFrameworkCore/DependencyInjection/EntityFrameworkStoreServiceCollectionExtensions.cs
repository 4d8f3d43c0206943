using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetailTagging.Catalog;
using RetailTagging.DependencyInjection;
using RetailTagging.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.EntityFrameworkCore.Stores;
using RetailTagging.Identity;
using RetailTagging.Lifecycle;
using RetailTagging.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the EF Core stores in place of the in-memory defaults.</summary>
public static class EntityFrameworkStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database stores for <see cref="ICustomerStore"/>, <see cref="IEventStore"/>, <see cref="ITagStore"/>,
    /// <see cref="IIdentityStore"/>, <see cref="ITriggerTimerStore"/>, <see cref="ITriggerPolicyStore"/>, <see cref="IConsentStore"/> and <see cref="IDeadLetterStore"/>
    /// (replacing the in-memory defaults, whichever is registered first), plus <see cref="EfOutbox{TContext}"/>,
    /// <see cref="EfScoreStore{TContext}"/>, <see cref="EfAuditLog{TContext}"/> and the <see cref="PersonalDataProtector"/>.
    /// The host registers <c>AddDbContextFactory&lt;TContext&gt;</c> and an <see cref="IEncryptionKeyProvider"/>.
    /// </summary>
    /// <typeparam name="TContext">The host's context (with <c>ApplyRetailTaggingModel</c>) or <see cref="RetailTaggingDbContext"/>.</typeparam>
    public static IServiceCollection AddEntityFrameworkStores<TContext>(this IServiceCollection services, Action<EntityFrameworkStoreOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = new EntityFrameworkStoreOptions
            {
                TimeProvider = sp.GetRequiredService<TimeProvider>(),
                LoggerFactory = sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            };
            configure?.Invoke(options);
            options.EventSchema ??= sp.GetService<CompiledCatalog>()?.Schema;
            return options;
        });
        services.TryAddSingleton(sp => new PersonalDataProtector(sp.GetService<IEncryptionKeyProvider>()
            ?? throw new InvalidOperationException(
                "The EF Core stores encrypt names, phone numbers and e-mail addresses: register an IEncryptionKeyProvider " +
                "(e.g. services.AddSingleton<IEncryptionKeyProvider>(StaticKeyProvider.FromBase64(key, hashKey))) before resolving them.")));

        services.AddSingleton(sp => new EfCustomerStore<TContext>(Contexts<TContext>(sp), sp.GetRequiredService<PersonalDataProtector>(), sp.GetRequiredService<EntityFrameworkStoreOptions>()));
        services.AddSingleton(sp => new EfEventStore<TContext>(Contexts<TContext>(sp), sp.GetRequiredService<EntityFrameworkStoreOptions>()));
        services.AddSingleton(sp => new EfTagStore<TContext>(Contexts<TContext>(sp), sp.GetRequiredService<EntityFrameworkStoreOptions>()));
        services.AddSingleton(sp => new EfIdentityStore<TContext>(Contexts<TContext>(sp), sp.GetRequiredService<PersonalDataProtector>(), sp.GetRequiredService<EntityFrameworkStoreOptions>()));
        services.AddSingleton(sp => new EfTriggerTimerStore<TContext>(Contexts<TContext>(sp), sp.GetRequiredService<EntityFrameworkStoreOptions>()));
        services.AddSingleton(sp => new EfTriggerPolicyStore<TContext>(Contexts<TContext>(sp), sp.GetRequiredService<PersonalDataProtector>(), sp.GetRequiredService<EntityFrameworkStoreOptions>()));
        services.AddSingleton(sp => new EfConsentStore<TContext>(Contexts<TContext>(sp), sp.GetRequiredService<EntityFrameworkStoreOptions>()));
        services.AddSingleton(sp => new EfOutbox<TContext>(Contexts<TContext>(sp), sp.GetRequiredService<EntityFrameworkStoreOptions>()));
        services.AddSingleton(sp => new EfScoreStore<TContext>(Contexts<TContext>(sp), sp.GetRequiredService<EntityFrameworkStoreOptions>()));
        services.AddSingleton(sp => new EfAuditLog<TContext>(Contexts<TContext>(sp)));

        Use<ICustomerStore, EfCustomerStore<TContext>>(services);
        Use<IEventStore, EfEventStore<TContext>>(services);
        Use<ITagStore, EfTagStore<TContext>>(services);
        Use<IIdentityStore, EfIdentityStore<TContext>>(services);
        Use<ITriggerTimerStore, EfTriggerTimerStore<TContext>>(services);
        Use<ITriggerPolicyStore, EfTriggerPolicyStore<TContext>>(services);
        Use<IConsentStore, EfConsentStore<TContext>>(services);
        Use<IDeadLetterStore, EfOutbox<TContext>>(services);
        return services;
    }

    /// <summary>Registers the EF Core stores on the RetailTagging builder (see the service-collection overload).</summary>
    public static IRetailTaggingBuilder AddEntityFrameworkStores<TContext>(this IRetailTaggingBuilder builder, Action<EntityFrameworkStoreOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddEntityFrameworkStores<TContext>(configure);
        return builder;
    }

    // Whatever registered the abstraction before (an in-memory default) is replaced; defaults added later use TryAdd and stay out.
    private static void Use<TService, TImplementation>(IServiceCollection services) where TService : class where TImplementation : class, TService
    {
        services.RemoveAll<TService>();
        services.AddSingleton<TService>(sp => sp.GetRequiredService<TImplementation>());
    }

    private static IDbContextFactory<TContext> Contexts<TContext>(IServiceProvider services) where TContext : DbContext =>
        services.GetService<IDbContextFactory<TContext>>()
        ?? throw new InvalidOperationException(
            $"The EF Core stores need a context factory: call services.AddDbContextFactory<{typeof(TContext).Name}>(...) (with UseSqlite or UseNpgsql).");
}
