using Microsoft.EntityFrameworkCore;
using RetailTagging.Catalog;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore.Tests.PushDown;

/// <summary>
/// Puts customers, events and the assignments the engine computes for them into a database, and
/// computes the in-memory answer (the oracle) the pushed-down query must equal.
/// </summary>
internal static class PushDownData
{
    public static void Load(DbContext db, CompiledCatalog catalog, IReadOnlyList<Customer> customers, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf)
    {
        db.Set<TagAssignmentRow>().ExecuteDelete();
        db.Set<EventRow>().ExecuteDelete();
        db.Set<CustomerRow>().ExecuteDelete();
        var engine = new TagEngine(catalog);
        foreach (var customer in customers)
        {
            db.Add(new CustomerRow
            {
                Id = customer.Id, Gender = customer.Gender, BirthDate = customer.BirthDate, City = customer.City,
                RegisteredAtUtc = customer.RegisteredAt?.UtcDateTime, MemberLevel = customer.MemberLevel, UpdatedAtUtc = asOf.UtcDateTime,
            });
            var evaluation = engine.Evaluate(customer, [.. events.Where(e => e.CustomerId == customer.Id)], asOf);
            foreach (var assignment in evaluation.Tags.Values)
            {
                db.Add(new TagAssignmentRow
                {
                    CustomerId = customer.Id, Tag = assignment.Tag, Value = assignment.Value.ToString(),
                    AssignedAtUtc = assignment.AssignedAt.UtcDateTime, ExpiresAtUtc = assignment.ExpiresAt?.UtcDateTime,
                    Source = assignment.Source.ToString(), RuleVersion = assignment.RuleVersion,
                });
            }
        }
        foreach (var e in events)
        {
            db.Add(new EventRow
            {
                Id = e.Id, CustomerId = e.CustomerId, Type = e.Type, AtUtc = e.At.UtcDateTime, Channel = e.Channel, Store = e.Store,
                Amount = e.Amount, Sku = e.Sku, Category = e.Category, Brand = e.Brand, Quantity = e.Quantity, StoredAtUtc = asOf.UtcDateTime,
            });
        }
        db.SaveChanges();
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The customers the engine puts in <paramref name="segmentTagOrExpression"/>: a segment's members,
    /// the holders of a tag, or the members of the expression compiled as an extra segment of the catalog.
    /// </summary>
    public static SortedSet<string> InMemory(string catalogText, string segmentTagOrExpression, IReadOnlyList<Customer> customers,
        IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf)
    {
        const string probe = "push_down_probe";
        var isName = CatalogCompiler.TryCompile(catalogText, out var catalog, out _)
            && (catalog!.Segments.Any(s => s.Name == segmentTagOrExpression) || catalog.FindTag(segmentTagOrExpression) is not null);
        var text = isName ? catalogText : $"{catalogText}\nsegment {probe} = {segmentTagOrExpression}\n";
        if (!CatalogCompiler.TryCompile(text, out catalog, out var diagnostics))
            throw new InvalidOperationException($"{segmentTagOrExpression}: {string.Join("; ", diagnostics)}");
        var engine = new TagEngine(catalog!);
        var members = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var customer in customers)
        {
            var evaluation = engine.Evaluate(customer, [.. events.Where(e => e.CustomerId == customer.Id)], asOf);
            var name = isName ? segmentTagOrExpression : probe;
            var member = catalog!.Segments.Any(s => s.Name == name) ? evaluation.Segments.Contains(name) : evaluation.Tags.ContainsKey(name);
            if (member) members.Add(customer.Id);
        }
        return members;
    }
}
