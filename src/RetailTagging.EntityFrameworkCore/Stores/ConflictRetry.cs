using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// Runs a unit of work again when another writer got there first: an optimistic-concurrency conflict, a
/// unique-key race on insert, a PostgreSQL serialization failure or deadlock, or a busy SQLite file.
/// Each attempt must re-read what it depends on (a fresh context).
/// </summary>
internal static class ConflictRetry
{
    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, int maxAttempts, ILogger logger, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < maxAttempts && IsConflict(ex))
            {
                logger.LogDebug(ex, "Conflict while {What} (attempt {Attempt} of {Max}); retrying.", what, attempt, maxAttempts);
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static async Task RunAsync(Func<CancellationToken, Task> work, int maxAttempts, ILogger logger, string what, CancellationToken cancellationToken) =>
        await RunAsync(async ct => { await work(ct).ConfigureAwait(false); return true; }, maxAttempts, logger, what, cancellationToken).ConfigureAwait(false);

    public static T Run<T>(Func<T> work, int maxAttempts, ILogger logger, string what)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return work();
            }
            catch (Exception ex) when (attempt < maxAttempts && IsConflict(ex))
            {
                logger.LogDebug(ex, "Conflict while {What} (attempt {Attempt} of {Max}); retrying.", what, attempt, maxAttempts);
                Thread.Sleep(Backoff(attempt));
            }
        }
    }

    // Exponential with full jitter, capped: losers of a race spread out instead of colliding again.
    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(250, 5 << Math.Min(attempt, 6))));

    public static bool IsConflict(Exception ex) => ex switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: { } inner } => IsConflict(inner),
        // EF Core's execution strategy wraps a transient provider error (a PostgreSQL deadlock) in an InvalidOperationException.
        InvalidOperationException { InnerException: { } inner } => IsConflict(inner),
        PostgresException pg => pg.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 || (sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067),
        DbException { InnerException: { } inner } => IsConflict(inner),
        _ => false,
    };
}
