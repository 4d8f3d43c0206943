using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RetailTagging.EntityFrameworkCore.Migrations;

/// <summary>
/// Finds migrations like EF Core's own assembly does, but serves the shipped SQLite or PostgreSQL set according to
/// the active provider (both are compiled into this assembly for the same context) and hands them the configured names.
/// </summary>
internal sealed class ProviderMigrationsAssembly : IMigrationsAssembly
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    private const string SqliteNamespace = "RetailTagging.EntityFrameworkCore.Migrations.Sqlite";
    private const string PostgreSqlNamespace = "RetailTagging.EntityFrameworkCore.Migrations.PostgreSql";

    private readonly Type _contextType;
    private readonly MigrationNames _names;
    private readonly string _shippedNamespace;
    private readonly Lazy<IReadOnlyDictionary<string, TypeInfo>> _migrations;
    private readonly Lazy<ModelSnapshot?> _snapshot;

    public ProviderMigrationsAssembly(ICurrentDbContext currentContext, IDbContextOptions options)
    {
        var context = currentContext.Context;
        _contextType = context.GetType();
        var isSqlite = context.Database.ProviderName == SqliteProvider;
        _shippedNamespace = isSqlite ? SqliteNamespace : PostgreSqlNamespace;
        var model = options.FindExtension<RetailTaggingOptionsExtension>()?.Model ?? new RetailTaggingModelOptions();
        _names = new MigrationNames(model.ForProvider(supportsSchemas: !isSqlite));
        var relational = RelationalOptionsExtension.Extract(options);
        Assembly = relational.MigrationsAssemblyObject
            ?? (relational.MigrationsAssembly is { } name ? Assembly.Load(new AssemblyName(name)) : _contextType.Assembly);
        _migrations = new(FindMigrations);
        _snapshot = new(FindSnapshot);
    }

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations.Value;

    public ModelSnapshot? ModelSnapshot => _snapshot.Value;

    public Assembly Assembly { get; }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.Where(id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
                || string.Equals(id.Length > 15 && id[14] == '_' ? id[15..] : id, nameOrId, StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault();

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        ArgumentNullException.ThrowIfNull(migrationClass);
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        if (migration is RetailTaggingMigration shipped) shipped.Names = _names;
        return migration;
    }

    private IReadOnlyDictionary<string, TypeInfo> FindMigrations() =>
        new SortedDictionary<string, TypeInfo>(
            Candidates()
                .Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<MigrationAttribute>() is not null)
                .ToDictionary(t => t.GetCustomAttribute<MigrationAttribute>()!.Id, t => t, StringComparer.Ordinal),
            StringComparer.Ordinal);

    private ModelSnapshot? FindSnapshot()
    {
        var type = Candidates().FirstOrDefault(t => t.IsSubclassOf(typeof(ModelSnapshot)));
        if (type is null) return null;
        var snapshot = (ModelSnapshot)Activator.CreateInstance(type.AsType())!;
        if (snapshot is RetailTaggingModelSnapshot shipped) shipped.Names = _names;
        return snapshot;
    }

    private IEnumerable<TypeInfo> Candidates() =>
        Assembly.DefinedTypes.Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition)
            .Where(t => t.GetCustomAttribute<DbContextAttribute>()?.ContextType is { } target && Serves(target))
            .Where(t => !IsShipped(t) || t.Namespace == _shippedNamespace);

    // The shipped sets are written for RetailTaggingDbContext and serve contexts derived from it.
    private bool Serves(Type target) =>
        target == _contextType || (target == typeof(RetailTaggingDbContext) && _contextType.IsSubclassOf(target));

    private static bool IsShipped(TypeInfo type) =>
        type.Namespace is SqliteNamespace or PostgreSqlNamespace;
}
