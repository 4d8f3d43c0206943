namespace RetailTagging.Rfm.Tests;

/// <summary>Small builders for test events.</summary>
internal static class Events
{
    private static int s_next;

    public static DateTimeOffset Day(int day, int hour = 12) => new DateTimeOffset(2024, 1, 1, hour, 0, 0, TimeSpan.Zero).AddDays(day - 1);

    public static CustomerEvent Purchase(int day, decimal? amount, string? category = null, string? channel = null, string? id = null, int hour = 12) =>
        new(id ?? $"e{Interlocked.Increment(ref s_next)}", "c1", EventTypes.Purchase, Day(day, hour)) { Amount = amount, Category = category, Channel = channel };

    public static CustomerEvent Refund(int day, decimal? amount) =>
        new($"e{Interlocked.Increment(ref s_next)}", "c1", EventTypes.Refund, Day(day)) { Amount = amount };

    public static CustomerEvent Other(int day, string type) =>
        new($"e{Interlocked.Increment(ref s_next)}", "c1", type, Day(day));
}
