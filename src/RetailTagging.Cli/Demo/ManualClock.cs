namespace RetailTagging.Cli.Demo;

/// <summary>A clock the demo moves by hand while it replays past weeks through the trigger scheduler.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock to <paramref name="instant"/>, never backwards.</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        if (instant > _now)
            _now = instant;
    }
}
