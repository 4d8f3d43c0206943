using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Privacy;

namespace RetailTagging.EntityFrameworkCore.Erasure;

/// <summary>
/// Erases one customer (the right to be forgotten) from every RetailTagging table of a context, in one transaction:
/// the customer row, and every row of every RetailTagging entity with a <c>CustomerId</c> (events, assignments,
/// history, manual decisions, scores, timers, outbox, consent, source records, and any table added later by that
/// convention), the identifiers of the customer's source records; rows that must survive are rewritten instead:
/// audit entries and merge history keep a keyed-hash reference in place of the id and lose every personal value,
/// review decisions lose the erased records, and a batch checkpoint that stopped at the customer moves back to the
/// customer before. Finally an <c>erase_customer</c> audit entry records who erased, when, and the reference.
/// </summary>
/// <remarks>Use a context that is not tracking rows of the customer; run it while no batch run is writing that customer.</remarks>
public sealed class CustomerEraser
{
    /// <summary>The audit action recorded for an erasure.</summary>
    public const string AuditAction = "erase_customer";

    private const string CustomerIdProperty = nameof(TagAssignmentRow.CustomerId);
    private static readonly MethodInfo DeleteByCustomerMethod =
        typeof(CustomerEraser).GetMethod(nameof(DeleteByCustomerAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly DbContext _context;
    private readonly PersonalDataProtector _protector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates an eraser over a context that applied the RetailTagging model.</summary>
    /// <param name="context">The context (the host's own or the provided one).</param>
    /// <param name="protector">Decrypts the personal values to scrub, and computes the erasure reference with the hash key.</param>
    /// <param name="timeProvider">The clock of the audit entry.</param>
    /// <param name="logger">Logs the erasure (by reference, never by id).</param>
    public CustomerEraser(DbContext context, PersonalDataProtector protector, TimeProvider? timeProvider = null, ILogger<CustomerEraser>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(protector);
        if (context.Model.FindEntityType(typeof(CustomerRow)) is null)
            throw new ArgumentException("The context has no RetailTagging model: call modelBuilder.ApplyRetailTaggingModel(...) in OnModelCreating.", nameof(context));
        _context = context;
        _protector = protector;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The reference that stands for <paramref name="customerId"/> in the audit log after its erasure.</summary>
    public string ReferenceFor(string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        return "erased:" + Convert.ToHexStringLower(_protector.Hash("erased-customer\u001f" + customerId)!);
    }

    /// <summary>Erases the customer from every table; idempotent (a second call deletes nothing and records another audit entry).</summary>
    /// <param name="customerId">The customer id.</param>
    /// <param name="actor">Who asked for the erasure (a person or a process), recorded in the audit entry.</param>
    /// <param name="cancellationToken">Cancels the erasure; nothing is committed then.</param>
    public async Task<ErasureResult> EraseAsync(string customerId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var reference = ReferenceFor(customerId);
        var traces = new PersonalTraces(customerId, reference);
        var deleted = new SortedDictionary<string, int>(StringComparer.Ordinal);

        var strategy = _context.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            deleted.Clear();
            var owned = _context.Database.CurrentTransaction is null;
            var transaction = owned ? await _context.Database.BeginTransactionAsync(ct).ConfigureAwait(false) : null;
            try
            {
                var customer = await _context.Set<CustomerRow>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct).ConfigureAwait(false);
                if (customer is not null) CollectTraces(customer, traces);
                var recordIds = await _context.Set<SourceRecordRow>().Where(r => r.CustomerId == customerId).Select(r => r.Id).ToListAsync(ct).ConfigureAwait(false);
                await CollectIdentifierTracesAsync(recordIds, traces, ct).ConfigureAwait(false);

                // Dependants first, the customer row last, whatever foreign keys the model declares.
                foreach (var entityType in RetailTaggingEntityTypes())
                {
                    if (entityType.ClrType == typeof(AuditLogRow) || entityType.ClrType == typeof(SourceRecordRow)) continue;
                    if (entityType.FindProperty(CustomerIdProperty) is not { ClrType: var type } || type != typeof(string)) continue;
                    var task = (Task<int>)DeleteByCustomerMethod.MakeGenericMethod(entityType.ClrType).Invoke(null, [_context, customerId, ct])!;
                    Count(deleted, entityType, await task.ConfigureAwait(false));
                }
                foreach (var batch in recordIds.Chunk(500))
                    Count(deleted, typeof(SourceIdentifierRow), await _context.Set<SourceIdentifierRow>().Where(i => EF.Parameter(batch).Contains(i.RecordId)).ExecuteDeleteAsync(ct).ConfigureAwait(false));
                Count(deleted, typeof(SourceRecordRow), await _context.Set<SourceRecordRow>().Where(r => r.CustomerId == customerId).ExecuteDeleteAsync(ct).ConfigureAwait(false));
                Count(deleted, typeof(CustomerRow), await _context.Set<CustomerRow>().Where(c => c.Id == customerId).ExecuteDeleteAsync(ct).ConfigureAwait(false));

                var rewritten = await RewriteAuditAsync(traces, ct).ConfigureAwait(false)
                    + await RewriteMergeHistoryAsync(traces, ct).ConfigureAwait(false)
                    + await RewriteReviewDecisionsAsync(recordIds, deleted, ct).ConfigureAwait(false)
                    + await RewindCheckpointsAsync(customerId, ct).ConfigureAwait(false);

                _context.Set<AuditLogRow>().Add(new AuditLogRow
                {
                    AtUtc = _time.GetUtcNow().UtcDateTime,
                    Actor = actor,
                    Action = AuditAction,
                    CustomerId = reference,
                    Details = $"customer erased; rows deleted: {(deleted.Count == 0 ? "none" : string.Join(", ", deleted.Select(p => $"{p.Key}={p.Value}")))}; rows rewritten: {rewritten}",
                });
                await _context.SaveChangesAsync(ct).ConfigureAwait(false);
                if (transaction is not null) await transaction.CommitAsync(ct).ConfigureAwait(false);
                _logger.LogInformation("Erased customer {Reference}: {Deleted} row(s) deleted, {Rewritten} rewritten", reference, deleted.Values.Sum(), rewritten);
                return new ErasureResult(reference, customer is not null, new Dictionary<string, int>(deleted), rewritten);
            }
            catch
            {
                // Nothing half-erased: the tracked rewrites are dropped with the transaction.
                _context.ChangeTracker.Clear();
                throw;
            }
            finally
            {
                if (transaction is not null) await transaction.DisposeAsync().ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private IEnumerable<IEntityType> RetailTaggingEntityTypes() =>
        _context.Model.GetEntityTypes().Where(t => t.ClrType.Assembly == typeof(CustomerRow).Assembly && !t.IsOwned());

    private void CollectTraces(CustomerRow customer, PersonalTraces traces)
    {
        traces.AddText(TryUnprotect(customer.NameCipher));
        traces.AddText(TryUnprotect(customer.PhoneCipher));
        traces.AddText(TryUnprotect(customer.EmailCipher));
        traces.AddHash(customer.PhoneHash);
        traces.AddHash(customer.EmailHash);
    }

    private async Task CollectIdentifierTracesAsync(List<string> recordIds, PersonalTraces traces, CancellationToken ct)
    {
        foreach (var batch in recordIds.Chunk(500))
        {
            var identifiers = await _context.Set<SourceIdentifierRow>().AsNoTracking().Where(i => EF.Parameter(batch).Contains(i.RecordId)).ToListAsync(ct).ConfigureAwait(false);
            foreach (var identifier in identifiers)
            {
                traces.AddText(TryUnprotect(identifier.ValueCipher));
                traces.AddHash(identifier.ValueHash);
            }
            foreach (var id in batch) traces.AddText(id);
        }
    }

    // A value encrypted under a key the host no longer supplies cannot be scrubbed from free text, but the row that
    // holds it is still deleted: the erasure goes on, and the log says so.
    private string? TryUnprotect(byte[]? cipher)
    {
        try
        {
            return _protector.Unprotect(cipher);
        }
        catch (Exception ex) when (ex is CryptographicException or KeyNotFoundException)
        {
            _logger.LogWarning("A personal value of the erased customer cannot be decrypted ({Error}); free-text audit entries are scrubbed of the other values only", ex.Message);
            return null;
        }
    }

    private async Task<int> RewriteAuditAsync(PersonalTraces traces, CancellationToken ct)
    {
        var candidates = new Dictionary<long, AuditLogRow>();
        var audit = _context.Set<AuditLogRow>();
        foreach (var row in await audit.Where(a => a.CustomerId == traces.CustomerId).ToListAsync(ct).ConfigureAwait(false))
            candidates[row.Id] = row;
        // The database narrows by substring; the token rule of PersonalTraces decides.
        foreach (var value in traces.All)
        {
            var rows = await audit.Where(a => (a.Details != null && a.Details.Contains(value)) || a.Actor.Contains(value) || (a.CustomerId != null && a.CustomerId.Contains(value)))
                .ToListAsync(ct).ConfigureAwait(false);
            foreach (var row in rows) candidates.TryAdd(row.Id, row);
        }
        var rewritten = 0;
        foreach (var row in candidates.Values)
        {
            var customerId = row.CustomerId == traces.CustomerId ? traces.Pseudonym : traces.Scrub(row.CustomerId);
            var details = traces.Scrub(row.Details);
            var actor = traces.Scrub(row.Actor)!;
            if (customerId == row.CustomerId && details == row.Details && actor == row.Actor) continue;
            (row.CustomerId, row.Details, row.Actor) = (customerId, details, actor);
            rewritten++;
        }
        return rewritten;
    }

    private async Task<int> RewriteMergeHistoryAsync(PersonalTraces traces, CancellationToken ct)
    {
        var id = traces.CustomerId;
        var rows = await _context.Set<IdentityChangeRow>().Where(c => c.BeforeJson.Contains(id) || c.AfterJson.Contains(id) || c.Reason.Contains(id))
            .ToListAsync(ct).ConfigureAwait(false);
        var rewritten = 0;
        foreach (var row in rows)
        {
            var before = ReplaceInArray(row.BeforeJson, id, traces.Pseudonym);
            var after = ReplaceInArray(row.AfterJson, id, traces.Pseudonym);
            var reason = traces.Scrub(row.Reason)!;
            if (before == row.BeforeJson && after == row.AfterJson && reason == row.Reason) continue;
            (row.BeforeJson, row.AfterJson, row.Reason) = (before, after, reason);
            rewritten++;
        }
        return rewritten;
    }

    private async Task<int> RewriteReviewDecisionsAsync(List<string> recordIds, IDictionary<string, int> deleted, CancellationToken ct)
    {
        var rewritten = 0;
        var decisions = _context.Set<IdentityDecisionRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var erased = recordIds.ToHashSet(StringComparer.Ordinal);
        foreach (var recordId in recordIds)
        {
            var rows = await decisions.Where(d => d.LeftJson.Contains(recordId) || d.RightJson.Contains(recordId)).ToListAsync(ct).ConfigureAwait(false);
            foreach (var row in rows)
            {
                if (!seen.Add(row.Id)) continue;
                var left = RemoveFromArray(row.LeftJson, erased);
                var right = RemoveFromArray(row.RightJson, erased);
                if (left.Count == 0 || right.Count == 0)
                {
                    // A decision about the erased records only says nothing about anyone else any more.
                    decisions.Remove(row);
                    Count(deleted, typeof(IdentityDecisionRow), 1);
                    continue;
                }
                var (leftJson, rightJson) = (JsonSerializer.Serialize(left), JsonSerializer.Serialize(right));
                if (leftJson == row.LeftJson && rightJson == row.RightJson) continue;
                (row.LeftJson, row.RightJson) = (leftJson, rightJson);
                rewritten++;
            }
        }
        return rewritten;
    }

    // A checkpoint at the erased customer would keep the id; the customer before it is an equivalent keyset position
    // now that nobody lies between the two.
    private async Task<int> RewindCheckpointsAsync(string customerId, CancellationToken ct)
    {
        var checkpoints = await _context.Set<BatchCheckpointRow>().Where(c => c.LastCustomerId == customerId).ToListAsync(ct).ConfigureAwait(false);
        if (checkpoints.Count == 0) return 0;
        var previous = await _context.Set<CustomerRow>().Where(c => string.Compare(c.Id, customerId) < 0)
            .OrderByDescending(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        foreach (var checkpoint in checkpoints)
        {
            checkpoint.LastCustomerId = previous;
            checkpoint.Version++;
        }
        return checkpoints.Count;
    }

    private static Task<int> DeleteByCustomerAsync<TRow>(DbContext context, string customerId, CancellationToken ct) where TRow : class =>
        context.Set<TRow>().Where(r => EF.Property<string>(r, CustomerIdProperty) == customerId).ExecuteDeleteAsync(ct);

    private static void Count(IDictionary<string, int> deleted, IReadOnlyTypeBase entityType, int rows) => Count(deleted, entityType.ShortName(), rows);

    private void Count(IDictionary<string, int> deleted, Type clrType, int rows) => Count(deleted, _context.Model.FindEntityType(clrType)!.ShortName(), rows);

    private static void Count(IDictionary<string, int> deleted, string name, int rows)
    {
        if (rows > 0) deleted[name] = deleted.TryGetValue(name, out var n) ? n + rows : rows;
    }

    private static string ReplaceInArray(string json, string id, string replacement)
    {
        var items = ReadArray(json);
        if (!items.Contains(id)) return json;
        return JsonSerializer.Serialize(items.Select(i => i == id ? replacement : i).ToList());
    }

    private static List<string> RemoveFromArray(string json, HashSet<string> erased)
    {
        var items = ReadArray(json);
        items.RemoveAll(erased.Contains);
        return items;
    }

    private static List<string> ReadArray(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string?>>(json)?.Where(i => i is not null).Select(i => i!).ToList() ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"A stored id list is not a JSON array of strings: {ex.Message}", ex);
        }
    }
}
