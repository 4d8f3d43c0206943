using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace RetailTagging.EntityFrameworkCore.Migrations;

/// <summary>Base of the shipped migrations: they read the schema and prefix from <see cref="Names"/>, set before they run.</summary>
public abstract class RetailTaggingMigration : Migration
{
    /// <summary>The configured names.</summary>
    protected internal MigrationNames Names { get; internal set; } = new(new RetailTaggingModelOptions());
}

/// <summary>Base of the shipped model snapshots, named like <see cref="RetailTaggingMigration"/>.</summary>
public abstract class RetailTaggingModelSnapshot : ModelSnapshot
{
    /// <summary>The configured names.</summary>
    protected internal MigrationNames Names { get; internal set; } = new(new RetailTaggingModelOptions());
}
