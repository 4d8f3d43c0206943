using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RetailTagging.Catalog;
using RetailTagging.Language;

namespace RetailTagging.Engine;

/// <summary>
/// Tags customers with a compiled catalog: one customer at a time, in batches, or incrementally.
/// Thread-safe. Evaluation is a pure function of (customer, events, scores, manual decisions,
/// instant); "now" comes from the <see cref="TimeProvider"/> only when no instant is given.
/// </summary>
public sealed class TagEngine
{
    private readonly TagEvaluator _evaluator;
    private readonly IScoreProvider[] _scoreProviders;
    private readonly TagEngineMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>Creates an engine.</summary>
    public TagEngine(CompiledCatalog catalog, TagEngineOptions? options = null, IEnumerable<IScoreProvider>? scoreProviders = null,
        TimeProvider? timeProvider = null, ILogger<TagEngine>? logger = null, IMeterFactory? meterFactory = null,
        IEnumerable<ICustomerAttributeProvider>? attributeProviders = null)
    {
        _attributeProviders = [.. attributeProviders ?? []];
        ArgumentNullException.ThrowIfNull(catalog);
        Options = options ?? new TagEngineOptions();
        Options.Validate();
        Catalog = catalog;
        Time = new TimeAnalysis(catalog);
        _evaluator = new TagEvaluator(catalog, Time);
        _scoreProviders = [.. scoreProviders ?? []];
        TimeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _metrics = new TagEngineMetrics(meterFactory);
        _affected = catalog.Dependencies.SelectMany(d => d.EventTypes).Distinct()
            .ToDictionary(type => type, type => catalog.Dependencies.Select(d => d.EventTypes.Contains(type)).ToArray(), StringComparer.Ordinal);
    }

    private readonly Dictionary<string, bool[]> _affected;
    private readonly ICustomerAttributeProvider[] _attributeProviders;

    /// <summary>The catalog the engine evaluates.</summary>
    public CompiledCatalog Catalog { get; }

    /// <summary>The engine's options.</summary>
    public TagEngineOptions Options { get; }

    /// <summary>The clock used when no instant is given.</summary>
    public TimeProvider TimeProvider { get; }

    internal TimeAnalysis Time { get; }

    /// <summary>For tests: see <see cref="TagEvaluator.ExhaustiveReplay"/>.</summary>
    internal bool ExhaustiveReplay { get => _evaluator.ExhaustiveReplay; set => _evaluator.ExhaustiveReplay = value; }

    /// <summary>Tags one customer as of <paramref name="asOf"/> (default: now).</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="events">Their events, in any order; events after the instant are ignored.</param>
    /// <param name="asOf">The instant; default the time provider's now.</param>
    /// <param name="previous">The tags held before, to report changes and keep assignment instants.</param>
    /// <param name="manualDecisions">Manual decisions about this customer's tags.</param>
    public TagEvaluation Evaluate(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset? asOf = null,
        TagSet? previous = null, IReadOnlyList<ManualTagDecision>? manualDecisions = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(events);
        var instant = asOf ?? TimeProvider.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        customer = Enrich(customer, events, instant);
        var evaluation = _evaluator.Evaluate(customer, events, instant, Scores(customer, events, instant), manualDecisions, previous);
        _metrics.Record(evaluation, Stopwatch.GetElapsedTime(started));
        return evaluation;
    }

    /// <summary>Why the customer does or does not hold <paramref name="tag"/>.</summary>
    /// <exception cref="ArgumentException">The catalog has no such tag.</exception>
    public TagExplanation Explain(Customer customer, IReadOnlyList<CustomerEvent> events, string tag, DateTimeOffset? asOf = null,
        IReadOnlyList<ManualTagDecision>? manualDecisions = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(events);
        var index = Catalog.IndexOf(tag);
        if (index < 0) throw new ArgumentException($"The catalog has no tag '{tag}'.", nameof(tag));
        var instant = asOf ?? TimeProvider.GetUtcNow();
        customer = Enrich(customer, events, instant);
        var scores = Scores(customer, events, instant);
        var evaluation = _evaluator.Evaluate(customer, events, instant, scores, manualDecisions, null);
        // The evaluation left this thread's frame at the instant with every tag's effective value.
        var frame = Language.Runtime.EvaluationFrame.ForThisThread();
        var rule = Explainer.Explain(Catalog.BoundTag(index), frame);
        var held = evaluation.Tags.TryGetValue(tag, out var assignment);
        var summary = (held, assignment) switch
        {
            (true, { Source: TagSource.Manual }) => $"'{tag}' is held by a manual decision (value {assignment.Value}), whatever the rule says.",
            (true, { ExpiresAt: { } expires }) when !TagEvaluator.IsAssigned(rule.Value) =>
                $"'{tag}' is held by its time to live: its rule held until {expires - Catalog.FindTag(tag)!.TimeToLive!.Value:O}; it lapses at {expires:O} unless the rule holds again.",
            (true, _) => $"'{tag}' is held: its rule is {rule.Value}.",
            (false, _) when TagEvaluator.IsAssigned(rule.Value) => $"'{tag}' is not held: a manual decision removes it although the rule is {rule.Value}.",
            _ => $"'{tag}' is not held: its rule is {rule.Value}.",
        };
        return new TagExplanation(customer.Id, tag, instant, held, held ? assignment!.Value : Value.Null, held ? assignment!.Source : null, summary, rule);
    }

    /// <summary>
    /// Tags a stream of customers in parallel with bounded memory. Results come out in input
    /// order, so the output does not depend on the degree of parallelism.
    /// </summary>
    public async IAsyncEnumerable<TagEvaluation> EvaluateBatchAsync(IAsyncEnumerable<CustomerHistory> customers, DateTimeOffset? asOf = null,
        IProgress<BatchProgress>? progress = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var instant = asOf ?? TimeProvider.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        // The channel holds at most BatchBufferSize evaluations in flight: memory stays bounded.
        var pending = Channel.CreateBounded<Task<TagEvaluation>>(new BoundedChannelOptions(Options.BatchBufferSize) { SingleReader = true, SingleWriter = true });
        using var slots = new SemaphoreSlim(Options.MaxDegreeOfParallelism);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var history in customers.WithCancellation(linked.Token).ConfigureAwait(false))
                {
                    await slots.WaitAsync(linked.Token).ConfigureAwait(false);
                    var task = Task.Run(() =>
                    {
                        try { return Evaluate(history.Customer, history.Events, instant, history.Previous, history.ManualDecisions); }
                        finally { slots.Release(); }
                    }, linked.Token);
                    await pending.Writer.WriteAsync(task, linked.Token).ConfigureAwait(false);
                }
                pending.Writer.Complete();
            }
            catch (Exception ex)
            {
                pending.Writer.Complete(ex);
            }
        }, linked.Token);

        long count = 0, changes = 0;
        try
        {
            await foreach (var task in pending.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var evaluation = await task.ConfigureAwait(false);
                count++;
                changes += evaluation.Changes.Count;
                if (progress is not null && (count & 1023) == 0) progress.Report(new BatchProgress(count, changes, Stopwatch.GetElapsedTime(started)));
                yield return evaluation;
            }
            await producer.ConfigureAwait(false);
        }
        finally
        {
            await linked.CancelAsync().ConfigureAwait(false);
        }
        progress?.Report(new BatchProgress(count, changes, Stopwatch.GetElapsedTime(started)));
        _logger.LogInformation("Batch tagged {Customers} customers with {Changes} tag changes in {Elapsed}", count, changes, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>An incremental tagger over this engine: per-customer state, event-by-event updates and time-driven changes.</summary>
    public IncrementalTagger CreateIncrementalTagger() => new(this);

    /// <summary>Whether a tag value counts as held: true, or for valued tags, not null.</summary>
    public static bool IsAssigned(Value value) => TagEvaluator.IsAssigned(value);

    /// <summary>The customer with provided attributes added (the host's own values win).</summary>
    internal Customer Enrich(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf)
    {
        if (_attributeProviders.Length == 0) return customer;
        var provided = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var provider in _attributeProviders)
        {
            try
            {
                provider.AddAttributes(customer, events, asOf, provided);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogWarning(ex, "Attribute provider {Provider} failed for customer {Customer}", provider.GetType().Name, customer.Id);
            }
        }
        foreach (var (name, value) in customer.Attributes) provided[name] = value;
        return customer with { Attributes = provided };
    }

    internal IReadOnlyDictionary<string, decimal>? Scores(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf)
    {
        if (_scoreProviders.Length == 0) return null;
        var scores = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var provider in _scoreProviders)
        {
            try
            {
                provider.AddScores(customer, events, asOf, scores);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failing model must not fail tagging: its scores are missing (null), and we say so.
                _logger.LogWarning(ex, "Score provider {Provider} failed for customer {Customer}", provider.GetType().Name, customer.Id);
            }
        }
        return scores;
    }

    internal TagEvaluation EvaluateInternal(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, TagSet? previous,
        IReadOnlyList<ManualTagDecision>? manual, Value[]? effective, bool[]? only)
    {
        var started = Stopwatch.GetTimestamp();
        customer = Enrich(customer, events, asOf);
        var evaluation = _evaluator.Evaluate(customer, events, asOf, Scores(customer, events, asOf), manual, previous, effective, only);
        _metrics.Record(evaluation, Stopwatch.GetElapsedTime(started));
        return evaluation;
    }

    /// <summary>For each event type, which tags it can affect (transitively through references).</summary>
    internal bool[]? AffectedBy(string eventType) => _affected.TryGetValue(eventType, out var mask) ? mask : null;
}
