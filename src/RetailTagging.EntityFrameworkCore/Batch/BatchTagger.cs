using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.EntityFrameworkCore.Stores;

namespace RetailTagging.EntityFrameworkCore.Batch;

/// <summary>
/// Tags every stored customer as of one instant, straight from the database: customers are read in keyset pages
/// (chunks), each chunk's events in one query; each customer is evaluated with the tags stored for them as the
/// previous set (so assigned-at instants and time-to-live hold across runs); only the changes are written (assignment
/// rows and history rows), together with the run's checkpoint, in one transaction per chunk. A run that crashed or was
/// cancelled resumes, when started again with the same run id, after the last committed chunk, as of the same
/// instant, and ends in exactly the state of a run that never stopped: nothing lost, nothing written twice.
/// </summary>
/// <remarks>
/// Works on any <see cref="DbContext"/> that applied the RetailTagging model (SQLite or PostgreSQL). Memory holds one
/// chunk. Resume a run with the same catalog; two attempts of one run at the same time are refused by the
/// checkpoint's concurrency token (one of them fails with <see cref="DbUpdateConcurrencyException"/>).
/// </remarks>
public sealed class BatchTagger
{
    private const int MaxChunkAttempts = 3;

    private readonly TagEngine _engine;
    private readonly PersonalDataProtector _protector;
    private readonly BatchTaggerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a batch tagger.</summary>
    /// <param name="engine">The engine (catalog, score and attribute providers, parallelism).</param>
    /// <param name="protector">Decrypts the customers' name, phone and email for rules that read them.</param>
    /// <param name="options">Chunk size; defaults when null.</param>
    /// <param name="timeProvider">"Now" for a run started without an instant, and for the checkpoint's timestamps.</param>
    /// <param name="logger">Logs the start, resumption and end of runs.</param>
    public BatchTagger(TagEngine engine, PersonalDataProtector protector, BatchTaggerOptions? options = null, TimeProvider? timeProvider = null,
        ILogger<BatchTagger>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(protector);
        _options = options ?? new BatchTaggerOptions();
        _options.Validate();
        _engine = engine;
        _protector = protector;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// Runs, or resumes, the run <paramref name="runId"/>. A completed run is not run again: its result is returned.
    /// </summary>
    /// <param name="context">A context that applied the RetailTagging model; its change tracker is cleared after every chunk.</param>
    /// <param name="runId">The run id: a new one starts a run, a known one resumes it.</param>
    /// <param name="asOf">The instant of a new run (default: now). A resumed run keeps its own instant; a different one here is an error.</param>
    /// <param name="progress">Told after every committed chunk.</param>
    /// <param name="cancellationToken">Stops after the current chunk is rolled back; the run resumes later from its checkpoint.</param>
    /// <exception cref="InvalidOperationException">The run exists with another instant.</exception>
    public async Task<BatchRunResult> RunAsync(DbContext context, string runId, DateTimeOffset? asOf = null, IProgress<BatchRunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (context.Model.FindEntityType(typeof(BatchCheckpointRow)) is null)
            throw new ArgumentException("The context has no RetailTagging model: call modelBuilder.ApplyRetailTaggingModel(...) in OnModelCreating.", nameof(context));
        var started = Stopwatch.GetTimestamp();
        context.ChangeTracker.Clear();

        var (checkpoint, resumed) = await StartOrResumeAsync(context, runId, asOf, cancellationToken).ConfigureAwait(false);
        var instant = new DateTimeOffset(DateTime.SpecifyKind(checkpoint.AsOfUtc, DateTimeKind.Utc));
        if (checkpoint.CompletedAtUtc is not null)
        {
            _logger.LogInformation("Batch run {RunId} already completed: {Customers} customers, {Changes} tag changes", runId, checkpoint.CustomersProcessed, checkpoint.ChangesWritten);
            return Result(checkpoint, 0);
        }
        if (resumed)
            _logger.LogInformation("Resuming batch run {RunId} as of {AsOf} after customer position {Processed} ({Changes} changes so far)",
                runId, instant, checkpoint.CustomersProcessed, checkpoint.ChangesWritten);
        else
            _logger.LogInformation("Starting batch run {RunId} as of {AsOf}", runId, instant);

        var reader = new CustomerChunkReader(context, new BatchRowMapper(_protector), _options.ChunkSize);
        long chunks = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (committed, next) = await ProcessChunkAsync(context, reader, checkpoint, instant, cancellationToken).ConfigureAwait(false);
            checkpoint = next;
            if (!committed) break;
            chunks++;
            progress?.Report(new BatchRunProgress(runId, chunks, checkpoint.CustomersProcessed, checkpoint.ChangesWritten, checkpoint.LastCustomerId,
                Stopwatch.GetElapsedTime(started)));
        }

        checkpoint.CompletedAtUtc = _time.GetUtcNow().UtcDateTime;
        checkpoint.Version++;
        await CommitAsync(context, null, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Batch run {RunId} completed: {Customers} customers, {Changes} tag changes, {Elapsed}",
            runId, checkpoint.CustomersProcessed, checkpoint.ChangesWritten, Stopwatch.GetElapsedTime(started));
        return Result(checkpoint, chunks);

        BatchRunResult Result(BatchCheckpointRow row, long committed) =>
            new(runId, instant, row.CustomersProcessed, row.ChangesWritten, committed, resumed, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Reads, evaluates and commits the chunk after the checkpoint; false when no customer is left. A customer whose
    /// tags another writer saved meanwhile (a concurrency conflict on an assignment or tag-set row) makes the chunk
    /// start over from the database, a few times; a conflict on the checkpoint itself means another attempt of the
    /// same run is writing, and is thrown.
    /// </summary>
    private async Task<(bool Committed, BatchCheckpointRow Checkpoint)> ProcessChunkAsync(DbContext context, CustomerChunkReader reader,
        BatchCheckpointRow checkpoint, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var chunk = await reader.ReadAsync(checkpoint.LastCustomerId, cancellationToken).ConfigureAwait(false);
                if (chunk is null) return (false, checkpoint);
                var updates = new List<TagSetUpdate>(chunk.Histories.Count);
                var changes = 0;
                await foreach (var evaluation in _engine.EvaluateBatchAsync(Enumerate(chunk.Histories), instant, progress: null, cancellationToken).ConfigureAwait(false))
                {
                    updates.Add(new TagSetUpdate(evaluation.Tags, evaluation.Changes));
                    changes += evaluation.Changes.Count;
                }
                checkpoint.LastCustomerId = chunk.LastCustomerId;
                checkpoint.CustomersProcessed += chunk.Histories.Count;
                checkpoint.ChangesWritten += changes;
                checkpoint.Version++;
                // The changes and the checkpoint that covers them commit together: after a crash either both are there or neither.
                await CommitAsync(context, (c, ct) => TagBulkWriter.WriteAsync(c, updates, checkpoint.RunId, ct), cancellationToken).ConfigureAwait(false);
                _logger.LogDebug("Batch run {RunId}: chunk committed up to customer position {Processed} ({Events} events, {Changes} changes)",
                    checkpoint.RunId, checkpoint.CustomersProcessed, chunk.EventCount, changes);
                return (true, checkpoint);
            }
            catch (DbUpdateConcurrencyException ex) when (attempt < MaxChunkAttempts && !ex.Entries.Any(e => e.Entity is BatchCheckpointRow))
            {
                // Only the unit of this chunk was rolled back; the checkpoint is read again as it was committed.
                _logger.LogWarning("Batch run {RunId}: another writer changed tags of this chunk's customers; reading the chunk again (attempt {Attempt})", checkpoint.RunId, attempt + 1);
                context.ChangeTracker.Clear();
                checkpoint = await context.Set<BatchCheckpointRow>().SingleAsync(c => c.RunId == checkpoint.RunId, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // The advanced checkpoint must not reach the database through a later save.
                context.ChangeTracker.Clear();
                throw;
            }
        }
    }

    private async Task<(BatchCheckpointRow Checkpoint, bool Resumed)> StartOrResumeAsync(DbContext context, string runId, DateTimeOffset? asOf,
        CancellationToken cancellationToken)
    {
        // Whole microseconds: what PostgreSQL keeps, so a resumed run evaluates as of exactly the instant the first attempt used.
        var requested = asOf is { } given ? TruncateToMicroseconds(given.UtcDateTime) : (DateTime?)null;
        var existing = await context.Set<BatchCheckpointRow>().FirstOrDefaultAsync(c => c.RunId == runId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            var stored = DateTime.SpecifyKind(existing.AsOfUtc, DateTimeKind.Utc);
            if (requested is { } r && r != stored)
                throw new InvalidOperationException(
                    $"Batch run '{runId}' evaluates as of {stored:O}; resume it without an instant or with the same one (given {r:O}), or start a new run id.");
            return (existing, true);
        }
        var now = _time.GetUtcNow().UtcDateTime;
        var checkpoint = new BatchCheckpointRow { RunId = runId, AsOfUtc = requested ?? TruncateToMicroseconds(now), StartedAtUtc = now };
        context.Add(checkpoint);
        await CommitAsync(context, null, cancellationToken).ConfigureAwait(false);
        return (checkpoint, false);
    }

    // One transaction per call, retried as a whole by the provider's execution strategy: the tag rows written by
    // <paramref name="write"/> (set-based SQL in the transaction) and the tracked checkpoint.
    private static async Task CommitAsync(DbContext context, Func<DbContext, CancellationToken, Task>? write, CancellationToken cancellationToken)
    {
        var strategy = context.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            if (write is not null) await write(context, ct).ConfigureAwait(false);
            await context.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        context.ChangeTracker.AcceptAllChanges();
    }

    private static DateTime TruncateToMicroseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    private static async IAsyncEnumerable<CustomerHistory> Enumerate(IReadOnlyList<CustomerHistory> histories, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var history in histories)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return history;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
