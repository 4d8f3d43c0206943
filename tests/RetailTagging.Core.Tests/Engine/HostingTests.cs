using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RetailTagging.DependencyInjection;
using RetailTagging.Engine;
using static RetailTagging.Core.Tests.Engine.EngineFixture;

namespace RetailTagging.Core.Tests.Engine;

public class HostingTests
{
    [Fact]
    public void AddRetailTaggingWiresTheEngineWithTheHostsClockAndScores()
    {
        var clock = new FakeTimeProvider(T);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IScoreProvider>(new FixedScores(0.9m));
        services.AddRetailTagging(o => o.UseCatalogText(CatalogText, "engine.tags"));
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<TagEngine>();
        Assert.Same(provider.GetRequiredService<RetailTagging.Catalog.CompiledCatalog>(), engine.Catalog);
        var result = engine.Evaluate(new Customer("c1"), [Event("p1", "purchase", T.AddDays(-1), 10m)]);
        Assert.Equal(T, result.Tags.AsOf);
        Assert.True(result.Tags.ContainsKey("churn_risk"));
    }

    [Fact]
    public void CatalogFilesAreReadOnFirstUse()
    {
        var file = Path.Combine(Path.GetTempPath(), $"rt-{Guid.NewGuid():N}.tags");
        File.WriteAllText(file, "tag shanghai = customer.city == \"Shanghai\"");
        try
        {
            var services = new ServiceCollection();
            services.AddRetailTagging(o => o.UseCatalogFile(file));
            using var provider = services.BuildServiceProvider();
            Assert.Equal("shanghai", Assert.Single(provider.GetRequiredService<TagEngine>().Catalog.Tags).Name);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ACatalogWithErrorsThrowsWithEveryDiagnostic()
    {
        var services = new ServiceCollection();
        services.AddRetailTagging(o => o.UseCatalogText("tag a = customer.ciyt == \"x\"\ntag b = sum(purchse.amount) > 1"));
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<CatalogCompilationException>(() => provider.GetRequiredService<TagEngine>());
        Assert.Equal(["RT1001", "RT1002"], error.Diagnostics.Select(d => d.Code));
        Assert.Contains("did you mean 'city'", error.Message);
    }

    [Fact]
    public void OptionsAreValidated()
    {
        var services = new ServiceCollection();
        services.AddRetailTagging(_ => { });
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RetailTaggingOptions>>().Value);
        Assert.Contains("at least one catalog", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TagEngine(CompileCatalog(), new TagEngineOptions { MaxDegreeOfParallelism = 0 }));
    }

    [Fact]
    public void MetricsCountCustomersAndChanges()
    {
        using var meters = new TestMeterFactory();
        var engine = new TagEngine(CompileCatalog(), meterFactory: meters);
        long customers = 0, changes = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this engine's meter: other tests run engines in parallel.
            if (meters.Created.Contains(instrument.Meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "retailtagging.customers.evaluated") Interlocked.Add(ref customers, value);
            if (instrument.Name == "retailtagging.tag.changes") Interlocked.Add(ref changes, value);
        });
        listener.Start();
        engine.Evaluate(new Customer("c1"), [Event("p1", "purchase", T.AddDays(-1), 10m)], T);
        engine.Evaluate(new Customer("c2"), [], T);
        Assert.Equal(2, customers);
        Assert.True(changes >= 3);
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            Created.Add(meter);
            return meter;
        }

        public void Dispose() => Created.ForEach(m => m.Dispose());
    }

    [Fact]
    public async Task IncrementalTaggerFiresOnTheEnginesClock()
    {
        var clock = new FakeTimeProvider(T);
        var engine = new TagEngine(CompileCatalog(), timeProvider: clock);
        var tagger = engine.CreateIncrementalTagger();
        tagger.Ingest(Event("k1", "cart_add", T));
        var fired = new List<TagChange>();
        using var cts = new CancellationTokenSource();
        var run = tagger.RunAsync((evaluation, _) => { lock (fired) fired.AddRange(evaluation.Changes); return ValueTask.CompletedTask; }, TimeSpan.FromMinutes(5), cts.Token);
        for (var i = 0; i < 75 * 12 && !fired.Any(c => c.Tag == "cart_abandoner"); i++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            await Task.Delay(1);
        }
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var lapse = fired.Single(c => c.Tag == "cart_abandoner");
        Assert.Equal(TagChangeKind.Expired, lapse.Kind);
        Assert.Equal(T.AddHours(73), lapse.At);
    }
}
