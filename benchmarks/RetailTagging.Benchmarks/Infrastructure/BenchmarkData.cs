using RetailTagging.Synthetic;

namespace RetailTagging.Benchmarks.Infrastructure;

/// <summary>Workloads drawn from the synthetic population, the same in every run.</summary>
internal static class BenchmarkData
{
    public const int Seed = 20240601;

    public static readonly RetailDataOptions Options = new() { Seed = Seed, CustomerCount = 1_000_000 };

    public static DateTimeOffset AsOf => Options.AsOf;

    private static RetailDataGenerator Generator => new(Options);

    /// <summary>The first <paramref name="count"/> customers as generated.</summary>
    public static SyntheticCustomer[] Customers(int count) => [.. Generator.Customers(0, count)];

    /// <summary>
    /// <paramref name="count"/> customers with exactly <paramref name="events"/> events each: the
    /// most recent ones of customers who have at least that many.
    /// </summary>
    public static SyntheticCustomer[] WithExactly(int events, int count, Func<SyntheticCustomer, bool>? where = null) =>
        [.. Generator.Customers()
            .Where(c => c.Events.Count >= events && (where is null || where(c)))
            .Take(count)
            .Select(c => c with { Events = c.Events.Skip(c.Events.Count - events).ToArray() })];

    /// <summary>Throws unless every contender gave the expected answer: a fast wrong result must not win.</summary>
    public static void RequireSame<T>(string suite, string contender, IReadOnlyList<T> expected, IReadOnlyList<T> actual)
    {
        if (expected.Count != actual.Count) throw new InvalidOperationException($"{suite}: {contender} answered {actual.Count} times, expected {expected.Count}.");
        for (var i = 0; i < expected.Count; i++)
            if (!EqualityComparer<T>.Default.Equals(expected[i], actual[i]))
                throw new InvalidOperationException($"{suite}: {contender} answers '{actual[i]}' for input {i}, the reference answers '{expected[i]}'.");
    }

    /// <summary>Throws when a boolean workload is degenerate (all true or all false): it would not test the rule.</summary>
    public static void RequireMixed(string suite, IReadOnlyList<bool> answers)
    {
        var trues = answers.Count(a => a);
        if (trues == 0 || trues == answers.Count)
            throw new InvalidOperationException($"{suite}: the workload is degenerate ({trues} of {answers.Count} true).");
        Console.WriteLine($"// {suite}: {trues} of {answers.Count} inputs match; all contenders agree.");
    }
}
