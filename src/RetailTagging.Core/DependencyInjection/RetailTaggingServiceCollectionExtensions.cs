using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailTagging.Catalog;
using RetailTagging.DependencyInjection;
using RetailTagging.Engine;
using RetailTagging.Language;
using RetailTagging.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The builder that adapter packages extend: <c>services.AddRetailTagging(...).AddRfmScoring(...)</c>.</summary>
public interface IRetailTaggingBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }
}

/// <summary>Registers RetailTagging in a host's service collection.</summary>
public static class RetailTaggingServiceCollectionExtensions
{
    private sealed record Builder(IServiceCollection Services) : IRetailTaggingBuilder;

    /// <summary>
    /// Adds the compiled catalog (compiled once, on first use; a catalog with errors throws
    /// <see cref="CatalogCompilationException"/> listing every diagnostic), the <see cref="TagEngine"/>
    /// and a <see cref="TimeProvider"/> unless the host registered one. Score providers registered as
    /// <see cref="IScoreProvider"/> feed <c>score("...")</c>; <see cref="ICustomerAttributeProvider"/>s
    /// supply derived attributes such as an RFM segment. <see cref="ICustomerStore"/>, <see cref="IEventStore"/> and
    /// <see cref="ITagStore"/> default to one <see cref="InMemoryTaggingStore"/>.
    /// </summary>
    public static IRetailTaggingBuilder AddRetailTagging(this IServiceCollection services, Action<RetailTaggingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RetailTaggingOptions>()
            .Configure(configure)
            .Validate(o => o.Catalogs.Count + o.CatalogFiles.Count > 0, "Configure at least one catalog: UseCatalogFile(...) or UseCatalogText(...).")
            .Validate(o => o.Engine.MaxDegreeOfParallelism >= 1 && o.Engine.BatchBufferSize >= 1, "Engine parallelism and buffer size must be at least 1.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => Compile(sp.GetRequiredService<IOptions<RetailTaggingOptions>>().Value, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RetailTaggingOptions>>().Value;
            return new TagEngine(
                sp.GetRequiredService<CompiledCatalog>(),
                options.Engine,
                sp.GetServices<IScoreProvider>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<TagEngine>>(),
                sp.GetService<IMeterFactory>(),
                sp.GetServices<ICustomerAttributeProvider>());
        });
        // In-memory stores unless a persistence adapter (AddEntityFrameworkStores) registered durable ones.
        services.TryAddSingleton(sp => new InMemoryTaggingStore(sp.GetRequiredService<CompiledCatalog>().Schema));
        services.TryAddSingleton<ICustomerStore>(sp => sp.GetRequiredService<InMemoryTaggingStore>());
        services.TryAddSingleton<IEventStore>(sp => sp.GetRequiredService<InMemoryTaggingStore>());
        services.TryAddSingleton<ITagStore>(sp => sp.GetRequiredService<InMemoryTaggingStore>());
        return new Builder(services);
    }

    private static CompiledCatalog Compile(RetailTaggingOptions options, ILoggerFactory? loggers)
    {
        var sources = options.Catalogs.Concat(options.CatalogFiles.Select(CatalogSource.FromFile)).ToList();
        var compilation = new CompilationOptions { Schema = options.Schema, TimeZone = options.TimeZone, Limits = options.Limits };
        if (!CatalogCompiler.TryCompile(sources, out var catalog, out var diagnostics, compilation))
            throw new CatalogCompilationException(diagnostics);
        var logger = loggers?.CreateLogger("RetailTagging.Catalog");
        foreach (var warning in diagnostics) logger?.LogWarning("{Diagnostic}", warning.ToString());
        logger?.LogInformation("Compiled tag catalog: {Tags} tags, {Segments} segments, {Aggregates} shared aggregates", catalog!.Tags.Count, catalog.Segments.Count, catalog.AggregateCount);
        return catalog!;
    }
}
