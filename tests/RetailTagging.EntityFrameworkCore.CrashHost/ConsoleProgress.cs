using RetailTagging.EntityFrameworkCore.Batch;

namespace RetailTagging.EntityFrameworkCore.CrashHost;

/// <summary>Prints each committed chunk at once (not through Progress&lt;T&gt;'s thread pool), so the parent sees it before the next chunk starts.</summary>
internal sealed class ConsoleProgress : IProgress<BatchRunProgress>
{
    public void Report(BatchRunProgress value)
    {
        Console.Out.WriteLine($"committed {value.ChunksCommitted} {value.CustomersProcessed} {value.LastCustomerId}");
        Console.Out.Flush();
    }
}
