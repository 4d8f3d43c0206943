namespace RetailTagging.Cli.Demo;

/// <summary>Where the pipeline reports progress: the command shows it as progress bars, tests ignore it.</summary>
internal interface IDemoProgress
{
    /// <summary>A step starts; <paramref name="total"/> units of work (customers, records) are expected.</summary>
    void Start(string step, long total);

    /// <summary><paramref name="done"/> units of the step are finished.</summary>
    void Report(string step, long done);

    /// <summary>The step is finished.</summary>
    void Finish(string step);
}

/// <summary>No progress display.</summary>
internal sealed class SilentProgress : IDemoProgress
{
    public static SilentProgress Instance { get; } = new();

    public void Start(string step, long total) { }

    public void Report(string step, long done) { }

    public void Finish(string step) { }
}
