using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RetailTagging.EntityFrameworkCore.Migrations;

/// <summary>
/// Lets dotnet-ef build the provided context when generating the shipped migrations:
/// <c>dotnet ef migrations add Name -- sqlite</c> or <c>-- postgresql</c> (see docs/persistence.md). Never used at run time.
/// </summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<RetailTaggingDbContext>
{
    public RetailTaggingDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<RetailTaggingDbContext>();
        _ = args.FirstOrDefault() switch
        {
            "sqlite" => builder.UseSqlite("Data Source=design-time.db"),
            "postgresql" => builder.UseNpgsql("Host=localhost;Database=design_time"),
            _ => throw new ArgumentException("Pass the provider after --: sqlite or postgresql."),
        };
        // A placeholder schema makes the generator write every schema argument; they are rewritten to Names.Schema.
        builder.UseRetailTagging(o => o.Schema = args.FirstOrDefault() == "postgresql" ? "rt_placeholder_schema" : null);
        return new RetailTaggingDbContext(builder.Options);
    }
}
