using System.Diagnostics;

namespace RetailTagging.Cli.Demo;

/// <summary>
/// Wall time summed per named part of a step (e.g. the tables the store writes), in first-use order, so the timings
/// table can show where a step's time went. Not thread-safe: one writer at a time, as the store and resolver are.
/// </summary>
internal sealed class StepClock
{
    private readonly List<(string Part, Stopwatch Clock)> _parts = [];

    /// <summary>Runs <paramref name="action"/> and adds its wall time to <paramref name="part"/>.</summary>
    public async Task TimeAsync(string part, Func<Task> action)
    {
        var clock = Clock(part);
        clock.Start();
        try
        {
            await action().ConfigureAwait(false);
        }
        finally
        {
            clock.Stop();
        }
    }

    /// <summary>The stopwatch of <paramref name="part"/> (created stopped on first use).</summary>
    public Stopwatch Clock(string part)
    {
        foreach (var (name, clock) in _parts)
            if (name == part)
                return clock;
        var created = new Stopwatch();
        _parts.Add((part, created));
        return created;
    }

    /// <summary>Each part's total so far, in first-use order.</summary>
    public IReadOnlyList<(string Part, TimeSpan Elapsed)> Totals => [.. _parts.Select(p => (p.Part, p.Clock.Elapsed))];
}
