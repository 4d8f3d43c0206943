using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using RetailTagging.Catalog;
using RetailTagging.Cli.Input;
using RetailTagging.Cli.Output;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Batch;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.EntityFrameworkCore.Stores;

namespace RetailTagging.Cli.Commands;

/// <summary>
/// <c>run --db &lt;file&gt;</c> / <c>--postgres &lt;connection string&gt;</c>: migrates the database, stores the customers
/// (personal data encrypted) and their events (through the event store's idempotent bulk append, so a rerun adds
/// only new events), tags every stored customer with a checkpointed batch run (the tags already stored are the
/// previous set, so assigned-at instants and time-to-live carry over between runs), and writes the customers' stored
/// tags as the in-memory run would.
/// </summary>
internal static partial class RunCommand
{
    private const int StorePage = 1_000;

    private static async Task<int> RunWithDatabaseAsync(Request request, DatabaseTarget database, CompiledCatalog catalog, TagEngine engine, DateTimeOffset asOf,
        CustomerEventIndex events, InputProblemLog problems, TextWriter stdout, TextWriter error, CancellationToken cancellationToken)
    {
        var protector = new PersonalDataProtector(DatabaseKeyFile.LoadOrCreate(database.KeyPath, error));
        var builder = new DbContextOptionsBuilder<RetailTaggingDbContext>();
        _ = database.Sqlite is { } file
            ? builder.UseSqlite(new SqliteConnectionStringBuilder { DataSource = file.FullName }.ConnectionString)
            : builder.UseNpgsql(database.Postgres);
        var contexts = new PooledDbContextFactory<RetailTaggingDbContext>(builder.UseRetailTagging().Options);
        try
        {
            await using (var context = contexts.CreateDbContext())
                await context.Database.MigrateAsync(cancellationToken);

            var storeOptions = new EntityFrameworkStoreOptions { EventSchema = catalog.Schema };
            var customers = new EfCustomerStore<RetailTaggingDbContext>(contexts, protector, storeOptions);
            var eventStore = new EfEventStore<RetailTaggingDbContext>(contexts, storeOptions);
            var customerSource = request.Customers.Name;
            var ids = new List<string>();
            long eventsStored = 0, eventsAlreadyStored = 0;
            var pageCustomers = new List<Customer>(StorePage);
            var pageEvents = new List<CustomerEvent>();
            foreach (var record in new CustomerFileReader(catalog.Schema, problems.Warn).Read(request.Customers.FullName))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (record.Customer is not { } customer)
                {
                    problems.Reject(customerSource, record.Line, record.Reason!);
                    if (problems.Failed) return 1;
                    continue;
                }
                ids.Add(customer.Id);
                pageCustomers.Add(customer);
                pageEvents.AddRange(events.Take(customer.Id));
                if (pageCustomers.Count == StorePage) await FlushAsync();
            }
            await FlushAsync();
            events.RejectRemaining(problems, customerSource);
            if (problems.Failed) return 1;

            long chunks;
            await using (var context = contexts.CreateDbContext())
            {
                var tagger = new BatchTagger(engine, protector);
                var result = await tagger.RunAsync(context, $"cli-{Guid.NewGuid():N}", asOf, progress: null, cancellationToken);
                chunks = result.ChunksCommitted;
            }

            using var target = OutputTarget.Open(request.Out, stdout);
            var tags = new EfTagStore<RetailTaggingDbContext>(contexts, storeOptions);
            long tagged = 0, written;
            using (var rows = TagRowWriter.Create(target.Writer, request.Out?.Name))
            {
                foreach (var id in ids)
                {
                    var set = await tags.GetTagsAsync(id, cancellationToken);
                    if (set is not { Count: > 0 }) continue;
                    tagged++;
                    foreach (var assignment in set.Values.OrderBy(a => catalog.IndexOf(a.Tag)))
                        rows.Write(id, assignment.Tag, assignment.Value);
                }
                rows.Flush();
                written = rows.Rows;
            }
            target.Commit();
            error.WriteLine(Summary(catalog, asOf, ids.Count, tagged, written, problems, customerSource, events)
                + $"; stored in {database.Description}: {eventsStored} new event(s), {eventsAlreadyStored} already stored, {chunks} batch chunk(s)");
            return 0;

            async Task FlushAsync()
            {
                if (pageCustomers.Count == 0) return;
                await customers.UpsertCustomersAsync(pageCustomers, cancellationToken);
                var appended = await eventStore.AppendEventsAsync(pageEvents, cancellationToken);
                eventsStored += appended.Stored;
                eventsAlreadyStored += appended.DuplicateIds.Count;
                foreach (var rejected in appended.Rejected) problems.Reject(events.Source, 0, $"event '{rejected.EventId}': {rejected.Reason}");
                pageCustomers.Clear();
                pageEvents.Clear();
            }
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or CryptographicException or TimeoutException
            || ex is InvalidOperationException && ex.InnerException is DbException or TimeoutException)
        {
            // A database that cannot be reached or written, or personal data encrypted under other keys: a message, not a crash.
            error.WriteLine($"retail-tags run: database error ({database.Description}): {ex.GetBaseException().Message}");
            return 1;
        }
    }
}
