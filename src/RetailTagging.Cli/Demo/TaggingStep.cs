using RetailTagging.Engine;
using RetailTagging.Synthetic;

namespace RetailTagging.Cli.Demo;

/// <summary>
/// Tags one chunk of customers as the weekly batch job would have over the last weeks: a first run, then one run a
/// week up to the as-of instant, each given the previous run's tags (so assigned-at instants carry over and the
/// changes between runs are the tag history). Every run is <see cref="TagEngine.EvaluateBatchAsync"/> over the chunk,
/// on all worker threads, results in input order.
/// </summary>
internal sealed class TaggingStep(TagEngine engine, IReadOnlyList<DateTimeOffset> runs)
{
    /// <summary>The run instants, oldest first; the last one is the as-of instant.</summary>
    public IReadOnlyList<DateTimeOffset> Runs => runs;

    public async Task<ChunkTags> TagAsync(SyntheticCustomer[] chunk, CancellationToken cancellationToken)
    {
        var previous = new TagSet?[chunk.Length];
        var final = new TagEvaluation[chunk.Length];
        var changes = new List<TagChange>[runs.Count];
        var sets = new TagSet[runs.Count][];
        for (var run = 0; run < runs.Count; run++)
        {
            changes[run] = [];
            sets[run] = new TagSet[chunk.Length];
            var index = 0;
            await foreach (var evaluation in engine.EvaluateBatchAsync(Histories(chunk, previous), runs[run], progress: null, cancellationToken).ConfigureAwait(false))
            {
                previous[index] = evaluation.Tags;
                sets[run][index] = evaluation.Tags;
                final[index] = evaluation;
                changes[run].AddRange(evaluation.Changes);
                index++;
            }
        }
        return new ChunkTags(final, sets, changes);
    }

    private static async IAsyncEnumerable<CustomerHistory> Histories(SyntheticCustomer[] chunk, TagSet?[] previous)
    {
        for (var i = 0; i < chunk.Length; i++)
            yield return new CustomerHistory(chunk[i].Customer, chunk[i].Events, previous[i]);
        await Task.CompletedTask.ConfigureAwait(false);
    }
}

/// <summary>One chunk's tags: the final run's evaluation per customer (input order), each run's tag sets and its tag changes.</summary>
internal sealed record ChunkTags(TagEvaluation[] Final, TagSet[][] SetsByRun, IReadOnlyList<TagChange>[] ChangesByRun);
