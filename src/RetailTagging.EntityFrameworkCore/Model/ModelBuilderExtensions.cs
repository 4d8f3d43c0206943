using Microsoft.EntityFrameworkCore;

namespace RetailTagging.EntityFrameworkCore;

/// <summary>Adds the RetailTagging tables to any EF Core model, so a host can keep them in its own <see cref="DbContext"/>.</summary>
public static class ModelBuilderExtensions
{
    /// <summary>
    /// Configures the RetailTagging entities (customers, identity, events, tags, history, manual decisions, scores,
    /// timers, outbox, consent, audit, batch checkpoints) with their keys, indexes, concurrency tokens and UTC columns.
    /// </summary>
    /// <param name="modelBuilder">The host's model builder (call from <c>OnModelCreating</c>).</param>
    /// <param name="configure">Sets the schema and table prefix; the defaults are no schema and <c>rt_</c>.</param>
    /// <example><code>modelBuilder.ApplyRetailTaggingModel(o => { o.Schema = "crm"; o.TablePrefix = "rt_"; });</code></example>
    public static ModelBuilder ApplyRetailTaggingModel(this ModelBuilder modelBuilder, Action<RetailTaggingModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var options = new RetailTaggingModelOptions();
        configure?.Invoke(options);
        return modelBuilder.ApplyRetailTaggingModel(options);
    }

    /// <summary>Configures the RetailTagging entities with the given options.</summary>
    public static ModelBuilder ApplyRetailTaggingModel(this ModelBuilder modelBuilder, RetailTaggingModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var naming = new ModelNaming(options);
        CustomerModel.Configure(modelBuilder, naming);
        IdentityModel.Configure(modelBuilder, naming);
        EventAndTagModel.Configure(modelBuilder, naming);
        LifecycleModel.Configure(modelBuilder, naming);
        OperationsModel.Configure(modelBuilder, naming);
        naming.ApplyColumnNamesAndUtc(modelBuilder);
        return modelBuilder;
    }
}
