using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using RetailTagging.Catalog;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// A segment, tag or expression translated into a predicate over <see cref="CustomerRow"/> that EF
/// Core runs as SQL (SQLite, PostgreSQL): tag references read the stored assignments, attributes
/// read columns, and event aggregates become correlated subqueries windowed at the as-of instant.
/// Constructs without a faithful translation are refused by name (see <see cref="TryCreate"/>),
/// never dropped or evaluated on the client.
/// </summary>
public sealed class SegmentQuery
{
    private readonly PushDownSource _source;
    private readonly TimeZoneInfo _zone;

    private SegmentQuery(PushDownSource source, DateTimeOffset asOf, TimeZoneInfo zone)
    {
        _source = source;
        AsOf = asOf;
        _zone = zone;
    }

    /// <summary>
    /// Translates <paramref name="segmentTagOrExpression"/>: the name of a segment of
    /// <paramref name="catalog"/> (a segment wins over a tag of the same name), the name of a tag
    /// (customers whose rule holds: true for a yes/no tag, not null for a valued tag), or an
    /// expression over the catalog's schema and tags.
    /// </summary>
    /// <param name="catalog">The compiled catalog that defines segments, tags, schema and time zone.</param>
    /// <param name="segmentTagOrExpression">A segment name, a tag name, or expression text.</param>
    /// <param name="asOf">The instant windows, ages, <c>now()</c> and tag expiry are relative to (sent as SQL parameters).</param>
    /// <param name="query">The translated query, or null.</param>
    /// <param name="problems">Empty on success; otherwise every construct that cannot be pushed down, and any compile error, with its position.</param>
    /// <returns>True when the whole expression translates.</returns>
    public static bool TryCreate(CompiledCatalog catalog, string segmentTagOrExpression, DateTimeOffset asOf,
        out SegmentQuery? query, out IReadOnlyList<PushDownProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(segmentTagOrExpression);
        query = null;
        var found = new List<PushDownProblem>();
        problems = found;
        if (PushDownSource.Resolve(catalog, segmentTagOrExpression, found) is not { } source) return false;
        // A dry run against empty in-memory tables finds every problem without a database.
        if (PredicateTranslator.Translate(source.Bound, source.Syntax, TranslationScope.DryRun(asOf, catalog.TimeZone), out var translationProblems) is null)
        {
            problems = translationProblems;
            return false;
        }
        query = new SegmentQuery(source, asOf, catalog.TimeZone);
        return true;
    }

    /// <summary>What was translated: <c>segment 'name'</c>, <c>tag 'name'</c> or <c>&lt;expression&gt;</c>.</summary>
    public string Label => _source.Label;

    /// <summary>The expression in canonical form.</summary>
    public string Expression => _source.Syntax.ToString();

    /// <summary>The as-of instant.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>The predicate for customers of <paramref name="db"/>, whose model must include the RetailTagging entities.</summary>
    public Expression<Func<CustomerRow, bool>> CreatePredicate(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var scope = new TranslationScope(((IQueryable<EventRow>)db.Set<EventRow>()).Expression, ((IQueryable<TagAssignmentRow>)db.Set<TagAssignmentRow>()).Expression, SqlDialect.For(db), AsOf, _zone);
        return PredicateTranslator.Translate(_source.Bound, _source.Syntax, scope, out var problems)
            ?? throw new InvalidOperationException($"Push-down of {Label} failed after a successful check: {string.Join("; ", problems)}");
    }

    /// <summary>Filters <paramref name="customers"/> (a query of <paramref name="db"/>) to the members.</summary>
    public IQueryable<CustomerRow> Apply(IQueryable<CustomerRow> customers, DbContext db)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return customers.Where(CreatePredicate(db));
    }

    /// <summary>The members among all customers of <paramref name="db"/>.</summary>
    public IQueryable<CustomerRow> Apply(DbContext db) => Apply(db.Set<CustomerRow>(), db);

    /// <summary>Counts the members in the database (one SQL statement).</summary>
    public Task<int> CountAsync(DbContext db, CancellationToken cancellationToken = default) =>
        Apply(db).CountAsync(cancellationToken);
}
