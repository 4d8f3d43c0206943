using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace RetailTagging.EntityFrameworkCore;

/// <summary>Options of the provided <see cref="RetailTaggingDbContext"/>.</summary>
public static class RetailTaggingDbContextOptionsExtensions
{
    /// <summary>Sets the schema and table prefix of <see cref="RetailTaggingDbContext"/> (and of its shipped migrations).</summary>
    /// <example><code>options.UseNpgsql(connectionString).UseRetailTagging(o => o.Schema = "crm");</code></example>
    public static DbContextOptionsBuilder UseRetailTagging(this DbContextOptionsBuilder optionsBuilder, Action<RetailTaggingModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        var model = new RetailTaggingModelOptions();
        configure?.Invoke(model);
        model.Validate();
        ((IDbContextOptionsBuilderInfrastructure)optionsBuilder).AddOrUpdateExtension(new RetailTaggingOptionsExtension(model));
        return optionsBuilder;
    }

    /// <summary>Sets the schema and table prefix of <see cref="RetailTaggingDbContext"/> (and of its shipped migrations).</summary>
    public static DbContextOptionsBuilder<TContext> UseRetailTagging<TContext>(this DbContextOptionsBuilder<TContext> optionsBuilder, Action<RetailTaggingModelOptions>? configure = null)
        where TContext : DbContext =>
        (DbContextOptionsBuilder<TContext>)((DbContextOptionsBuilder)optionsBuilder).UseRetailTagging(configure);
}
