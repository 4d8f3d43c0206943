using System.Diagnostics;
using System.Threading.Channels;
using RetailTagging.Engine;
using RetailTagging.Rfm;
using RetailTagging.Rfm.Calculation;
using RetailTagging.Rfm.Profiles;
using RetailTagging.Rfm.Tagging;
using RetailTagging.Synthetic;

namespace RetailTagging.Cli.Demo;

/// <summary>
/// The demo end to end: generate the synthetic population (streamed, in chunks), resolve identities over its source
/// records, fit the RFM scorer and the BG/NBD and Gamma-Gamma models, tag every customer with the reference catalog in
/// weekly runs, replay the lifecycle triggers, and store it all. Deterministic for a seed: chunks are processed in
/// order and every count is taken in population order.
/// </summary>
internal sealed class DemoPipeline(DemoSettings settings, IDemoStore store, IDemoProgress progress)
{
    public const string ProfileStep = "Generate customers, RFM inputs";
    public const string IdentityStepName = "Resolve identities";
    public const string TagStep = "Score, tag, trigger, store";

    public async Task<DemoSummary> RunAsync(CancellationToken cancellationToken)
    {
        settings.Validate();
        var total = Stopwatch.StartNew();
        var timings = new List<StepTiming>();
        var population = new DemoPopulation(settings);
        var asOf = population.AsOf;

        var clock = Stopwatch.StartNew();
        var catalog = DemoCatalog.Compile();
        timings.Add(new StepTiming("Compile catalog", clock.Elapsed, $"{catalog.Tags.Count} tags, {catalog.Segments.Count} segments"));
        clock.Restart();
        await store.InitializeAsync(catalog, asOf, cancellationToken).ConfigureAwait(false);
        timings.Add(new StepTiming("Create database", clock.Elapsed, "schema, tag definitions"));

        // Pass 1: RFM inputs and identity records from the same stream of customers.
        var rfmOptions = new RfmOptions { TimeZone = catalog.TimeZone };
        var calculator = new RfmCalculator(rfmOptions);
        var fitter = new RfmModelFitter(calculator, asOf, settings.Parallelism);
        var generating = new Stopwatch();
        IEnumerable<Customer> People()
        {
            long done = 0;
            using var chunks = population.Chunks(cancellationToken).GetEnumerator();
            while (true)
            {
                generating.Start();
                var more = chunks.MoveNext();
                if (more)
                    fitter.Add(chunks.Current, cancellationToken);
                generating.Stop();
                if (!more)
                    yield break;
                done += chunks.Current.Length;
                progress.Report(ProfileStep, done);
                foreach (var customer in chunks.Current)
                    yield return customer.Customer;
            }
        }
        progress.Start(ProfileStep, population.Count);
        clock.Restart();
        var identityWrites = new StepClock();
        var identity = await new IdentityStep(new TimedIdentityStore(store.IdentityStore, identityWrites)).ResolveAsync(People(), settings.Seed, cancellationToken).ConfigureAwait(false);
        progress.Finish(ProfileStep);
        timings.Add(new StepTiming("Generate customers, RFM inputs", generating.Elapsed, $"{population.Count:N0} customers"));
        timings.Add(new StepTiming("Resolve identities", clock.Elapsed - generating.Elapsed, $"{identity.Records:N0} source records"));
        timings.AddRange(Parts(identityWrites, "writing"));

        clock.Restart();
        var fitted = fitter.Fit(cancellationToken);
        timings.Add(new StepTiming("Fit RFM scores, BG/NBD, Gamma-Gamma", clock.Elapsed, $"{fitted.Buyers:N0} buyers"));

        // Pass 2: score, tag (weekly runs), replay triggers and store, chunk by chunk.
        var runs = Enumerable.Range(0, settings.Weeks + 1).Select(k => asOf.AddDays(-7 * (settings.Weeks - k))).ToList();
        var windowStart = asOf.AddDays(-7 * Math.Max(settings.Weeks, 4));
        var profiler = new RfmProfiler(calculator, fitted.Models);
        var hostScores = new HostModelScores();
        var rfmValues = new RfmTagValues(new RfmProfileService(calculator, new RfmModelStore(fitted.Models), TimeProvider.System), rfmOptions);
        var engine = new TagEngine(catalog, new TagEngineOptions { MaxDegreeOfParallelism = settings.Parallelism },
            scoreProviders: [hostScores, rfmValues], attributeProviders: [rfmValues]);
        var tagging = new TaggingStep(engine, runs);
        var lifecycle = new LifecycleStep(DemoTriggers.Options(catalog.TimeZone), windowStart, asOf);
        var tally = new DemoTally(catalog, rfmOptions.Bins, runs.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken };
        var steps = new Stopwatch[5];
        for (var i = 0; i < steps.Length; i++)
            steps[i] = new Stopwatch();
        var (generate, score, tag, trigger, write) = (steps[0], steps[1], steps[2], steps[3], steps[4]);

        // The store writes chunk n while chunk n + 1 is tagged: SQLite has one writer, the engine the other cores.
        var pending = Channel.CreateBounded<DemoChunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var writer = Task.Run(async () =>
        {
            await foreach (var chunk in pending.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                write.Start();
                await store.WriteAsync(chunk, runs, cancellationToken).ConfigureAwait(false);
                write.Stop();
            }
        }, cancellationToken);

        progress.Start(TagStep, population.Count);
        clock.Restart();
        long tagged = 0;
        try
        {
            using var chunks = population.Chunks(cancellationToken).GetEnumerator();
            while (true)
            {
                generate.Start();
                var more = chunks.MoveNext();
                generate.Stop();
                if (!more)
                    break;
                var chunk = chunks.Current;
                hostScores.Load(chunk);

                score.Start();
                var profiles = new RfmProfile[chunk.Length];
                Parallel.For(0, chunk.Length, parallel, i => profiles[i] = profiler.Profile(chunk[i].Customer.Id, chunk[i].Events, asOf));
                score.Stop();

                tag.Start();
                var tags = await tagging.TagAsync(chunk, cancellationToken).ConfigureAwait(false);
                tag.Stop();

                trigger.Start();
                var triggers = await lifecycle.RunAsync(chunk, runs, tags.ChangesByRun, cancellationToken).ConfigureAwait(false);
                tally.Add(chunk, profiles, tags, triggers);
                trigger.Stop();

                await pending.Writer.WriteAsync(new DemoChunk(chunk, profiles, tags, triggers), cancellationToken).ConfigureAwait(false);
                tagged += chunk.Length;
                progress.Report(TagStep, tagged);
            }
            pending.Writer.Complete();
        }
        catch (Exception ex)
        {
            pending.Writer.TryComplete(ex);
            throw;
        }
        finally
        {
            // The writer ends with the channel (or with the error it was completed with).
            await writer.ConfigureAwait(false);
        }
        clock.Restart();
        await store.CompleteAsync(cancellationToken).ConfigureAwait(false);
        progress.Finish(TagStep);
        var changes = tally.Changes(runs);

        timings.Add(new StepTiming("Generate customers again (pass 2)", generate.Elapsed, $"{tally.Events:N0} events"));
        timings.Add(new StepTiming("RFM profiles (scores, p_alive, CLV)", score.Elapsed, $"{tally.Customers:N0} profiles"));
        timings.Add(new StepTiming($"Tag: {runs.Count} weekly run(s) x {catalog.Tags.Count} tags", tag.Elapsed,
            $"{tally.Customers * runs.Count:N0} evaluations, {(tag.Elapsed.TotalSeconds > 0 ? tally.Customers * runs.Count / tag.Elapsed.TotalSeconds : 0):N0}/s"));
        timings.Add(new StepTiming("Lifecycle triggers", trigger.Elapsed, $"{tally.Triggers().Sum(t => t.ByOutcome.Values.Sum()):N0} decisions"));
        timings.Add(new StepTiming("Store (overlaps the steps above)", write.Elapsed,
            $"{tally.Assignments:N0} tags, {changes.Skip(1).Sum(c => c.Total):N0} history rows"));
        timings.AddRange(Parts(store.WriteClock, "writing"));
        timings.Add(new StepTiming("Finish database", clock.Elapsed, "indexes"));
        timings.Add(new StepTiming("Total", total.Elapsed, $"{settings.Parallelism} worker thread(s)"));

        return new DemoSummary
        {
            DatabasePath = settings.DatabasePath,
            Customers = tally.Customers,
            Events = tally.Events,
            EventsByType = tally.EventsByType,
            AsOf = asOf,
            Runs = runs,
            CatalogTags = catalog.Tags.Count,
            Identity = identity,
            Rfm = fitted,
            Grid = tally.Grid,
            RfmSegments = tally.RfmSegments(),
            Dimensions = tally.Dimensions(),
            Assignments = tally.Assignments,
            CatalogSegments = tally.CatalogSegments(),
            Changes = changes,
            TriggerWindowStart = windowStart,
            Triggers = tally.Triggers(),
            SampleFirings = tally.SampleFirings(),
            PendingTimers = tally.PendingTimers,
            Timings = timings,
        };
    }

    // A step's breakdown, indented under it in the timings table.
    private static IEnumerable<StepTiming> Parts(StepClock clock, string verb) =>
        clock.Totals.Select(p => new StepTiming($"  {verb} {p.Part}", p.Elapsed, ""));
}
