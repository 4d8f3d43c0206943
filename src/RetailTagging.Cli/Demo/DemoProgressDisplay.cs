using Spectre.Console;

namespace RetailTagging.Cli.Demo;

/// <summary>Shows the pipeline's long steps as Spectre progress bars (live on a terminal, a few plain lines otherwise).</summary>
internal sealed class DemoProgressDisplay : IDemoProgress
{
    private readonly ProgressContext _context;
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private DemoProgressDisplay(ProgressContext context) => _context = context;

    public static Task RunAsync(IAnsiConsole console, Func<IDemoProgress, Task> body) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(context => body(new DemoProgressDisplay(context)));

    public void Start(string step, long total)
    {
        lock (_gate)
            _tasks[step] = _context.AddTask(Markup.Escape(step), maxValue: Math.Max(1, total));
    }

    public void Report(string step, long done)
    {
        lock (_gate)
            if (_tasks.TryGetValue(step, out var task))
                task.Value = done;
    }

    public void Finish(string step)
    {
        lock (_gate)
            if (_tasks.TryGetValue(step, out var task))
            {
                task.Value = task.MaxValue;
                task.StopTask();
            }
    }
}
