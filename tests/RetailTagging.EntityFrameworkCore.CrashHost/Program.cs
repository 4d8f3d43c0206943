using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using RetailTagging.Catalog;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Batch;
using RetailTagging.EntityFrameworkCore.CrashHost;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.Synthetic;

// crash-host seed  <sqlite|postgres> <connection string> <customers>
// crash-host run   <sqlite|postgres> <connection string> <run id> <chunk size> [<as-of ISO-8601>]
// Prints "committed <chunks> <customers> <last id>" after each chunk and "completed <customers> <changes>" at the end.
try
{
    if (args.Length < 3) return Usage();
    var builder = new DbContextOptionsBuilder<RetailTaggingDbContext>();
    _ = args[1] switch
    {
        "sqlite" => builder.UseSqlite(args[2]),
        "postgres" => builder.UseNpgsql(args[2]),
        _ => throw new ArgumentException($"Unknown provider '{args[1]}'."),
    };
    var contexts = new PooledDbContextFactory<RetailTaggingDbContext>(builder.UseRetailTagging().Options);
    var protector = new PersonalDataProtector(CrashHostKeys.Provider);
    if (!CatalogCompiler.TryCompile(ReferenceCatalog.Sources(), out var catalog, out var diagnostics) || catalog is null)
        throw new InvalidOperationException("The reference catalog does not compile: " + string.Join("; ", diagnostics));
    switch (args[0])
    {
        case "seed" when args.Length == 4:
            await using (var context = contexts.CreateDbContext())
                await context.Database.MigrateAsync(); // a no-op on the test's migrated database; creates a database of one's own
            await SyntheticSeed.SeedAsync(contexts, protector, catalog.Schema, int.Parse(args[3], CultureInfo.InvariantCulture));
            Console.WriteLine("seeded");
            return 0;
        case "run" when args.Length is 5 or 6:
            await using (var context = contexts.CreateDbContext())
            {
                var tagger = new BatchTagger(new TagEngine(catalog), protector, new BatchTaggerOptions { ChunkSize = int.Parse(args[4], CultureInfo.InvariantCulture) });
                DateTimeOffset? asOf = args.Length == 6 ? DateTimeOffset.Parse(args[5], CultureInfo.InvariantCulture) : null;
                var result = await tagger.RunAsync(context, args[3], asOf, new ConsoleProgress());
                Console.WriteLine($"completed {result.CustomersProcessed} {result.ChangesWritten}");
            }
            return 0;
        default:
            return Usage();
    }
}
catch (Exception ex)
{
    Console.Error.WriteLine(ex);
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: crash-host seed <sqlite|postgres> <connection> <customers> | run <sqlite|postgres> <connection> <run id> <chunk size> [<as-of>]");
    return 1;
}
