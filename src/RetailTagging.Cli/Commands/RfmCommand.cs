using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RetailTagging.Cli.Input;
using RetailTagging.Rfm;
using RetailTagging.Rfm.Calculation;
using RetailTagging.Rfm.Grid;
using RetailTagging.Rfm.Prediction;
using RetailTagging.Rfm.Profiles;
using RetailTagging.Rfm.Scoring;
using RetailTagging.Rfm.Segments;

namespace RetailTagging.Cli.Commands;

/// <summary>
/// <c>retail-tags rfm --events &lt;file&gt; [--as-of &lt;date&gt;] [--out &lt;file&gt;] [--fit-btyd --calibration-end &lt;date&gt;] [--format text|json]</c>:
/// the RFM table, segment counts and grid of an event file; with <c>--fit-btyd</c> the BG/NBD and Gamma-Gamma fits.
/// Exit 0 on success, 1 on bad input or a failed fit.
/// </summary>
internal static class RfmCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var events = new Option<FileInfo>("--events", "-e") { Description = "Event file: .csv with a header, or .jsonl/.ndjson/.json (JSON Lines).", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "Compute as of this date (end of day) or ISO-8601 instant. Default: the end of the day of the latest event." };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the per-customer RFM table here (.csv, or .jsonl for JSON Lines)." };
        var fitBtyd = new Option<bool>("--fit-btyd") { Description = "Fit the BG/NBD and Gamma-Gamma models on the calibration period." };
        var calibrationEnd = new Option<string?>("--calibration-end") { Description = "End of the calibration period (date, inclusive, or ISO-8601 instant); required with --fit-btyd." };
        var format = new Option<string>("--format") { Description = "Summary format on standard output.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var timeUnit = new Option<string>("--time-unit") { Description = "Time unit of the models (weeks for the published CDNOW protocol).", DefaultValueFactory = _ => "days" };
        timeUnit.AcceptOnlyFromAmong("days", "weeks");
        var frequency = new Option<string>("--frequency") { Description = "What frequency counts: orders or distinct purchase days.", DefaultValueFactory = _ => "orders" };
        frequency.AcceptOnlyFromAmong("orders", "days");
        var segments = new Option<string>("--segments") { Description = "Segment map: classic (quantile scores, 5 bins), retailer (fixed thresholds) or none.", DefaultValueFactory = _ => "classic" };
        segments.AcceptOnlyFromAmong("classic", "retailer", "none");
        var bins = new Option<int>("--bins") { Description = "Quantile score bins (the classic map needs 5).", DefaultValueFactory = _ => 5 };
        var timeZone = new Option<string?>("--time-zone") { Description = "Business time zone (IANA or Windows id) for calendar days. Default: UTC." };
        var svg = new Option<FileInfo?>("--svg") { Description = "Also write the RFM grid as an SVG heat map to this file." };
        var strict = new Option<bool>("--strict") { Description = "Fail on the first bad row instead of skipping it." };

        var command = new Command("rfm", "RFM scores, segments and grid of an event file; optionally fit the BG/NBD and Gamma-Gamma models.");
        foreach (var option in new Option[] { events, asOf, output, fitBtyd, calibrationEnd, format, timeUnit, frequency, segments, bins, timeZone, svg, strict })
            command.Options.Add(option);
        command.Validators.Add(result =>
        {
            if (result.GetValue(fitBtyd) && result.GetValue(calibrationEnd) is null)
                result.AddError("--fit-btyd needs --calibration-end <date>.");
            if (result.GetValue(calibrationEnd) is not null && !result.GetValue(fitBtyd))
                result.AddError("--calibration-end is only used with --fit-btyd.");
        });

        command.SetAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            var request = new Request(
                parseResult.GetValue(events)!, parseResult.GetValue(asOf), parseResult.GetValue(output),
                parseResult.GetValue(fitBtyd) ? parseResult.GetValue(calibrationEnd) : null,
                parseResult.GetValue(format) == "json", parseResult.GetValue(timeUnit) == "weeks" ? RfmTimeUnit.Weeks : RfmTimeUnit.Days,
                parseResult.GetValue(frequency) == "days" ? FrequencyBasis.DistinctPurchaseDays : FrequencyBasis.Orders,
                parseResult.GetValue(segments)!, parseResult.GetValue(bins), parseResult.GetValue(timeZone), parseResult.GetValue(svg),
                parseResult.GetValue(strict));
            try
            {
                return Run(request, config.Output, config.Error);
            }
            catch (Exception ex) when (ex is EventFileException or ArgumentException or InvalidOperationException or IOException or TimeZoneNotFoundException)
            {
                config.Error.WriteLine($"retail-tags rfm: error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private sealed record Request(FileInfo Events, string? AsOf, FileInfo? Out, string? CalibrationEnd, bool Json, RfmTimeUnit TimeUnit,
        FrequencyBasis Frequency, string Segments, int Bins, string? TimeZone, FileInfo? Svg, bool Strict);

    private static int Run(Request request, TextWriter output, TextWriter error)
    {
        var zone = request.TimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;
        var options = new RfmOptions
        {
            Bins = request.Bins,
            Frequency = request.Frequency,
            TimeZone = zone,
            ModelTimeUnit = request.TimeUnit,
            SegmentMap = request.Segments switch
            {
                "retailer" => RfmSegmentMaps.Retailer(),
                "none" => RfmSegmentMaps.None,
                _ => RfmSegmentMaps.Classic,
            },
        };
        if (options.SegmentMap == RfmSegmentMaps.Classic && request.Bins != 5)
            throw new ArgumentException($"The classic segment map needs 5 bins, not {request.Bins}; use --segments retailer or none.");
        var calculator = new RfmCalculator(options);

        // One streaming read: only purchases and refunds are kept, per customer.
        var population = new RfmPopulationBuilder(calculator);
        var rejections = new EventRejectionLog();
        long read = 0;
        DateTimeOffset? latest = null;
        foreach (var e in EventFileReader.ReadEvents(request.Events.FullName, rejections, request.Strict))
        {
            read++;
            latest = latest is { } l && l >= e.At ? l : e.At;
            population.Add(e);
        }
        var source = request.Events.Name;
        foreach (var rejection in rejections.Samples.Take(10))
            error.WriteLine($"{rejection.Format(source)}: warning: row skipped");
        if (rejections.Count > 10)
            error.WriteLine($"{source}: warning: {rejections.Count} rows skipped in all");
        if (latest is null)
            throw new InvalidOperationException($"{source}: no valid events.");

        var asOf = request.AsOf is { } text ? ParseEndOfDay(text, zone, "--as-of") : EndOfDay(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(latest.Value, zone).DateTime), zone);
        var summaries = population.Summarize(asOf).ToList();
        var buyers = summaries.Count(s => s.HasPurchases);
        if (buyers == 0)
            throw new InvalidOperationException($"{source}: no customer has a valid purchase at or before {asOf:O}.");
        var scorer = RfmQuantileScorer.Fit(summaries, options.Bins, options.SketchCapacity);

        Fits? fits = null;
        if (request.CalibrationEnd is { } calibrationText)
        {
            var calibrationEnd = ParseEndOfDay(calibrationText, zone, "--calibration-end");
            var observations = BtydObservation.FromRfm(population.Summarize(calibrationEnd), request.TimeUnit).ToList();
            fits = new Fits(calibrationEnd, request.TimeUnit, BgNbdFitter.Fit(observations, request.TimeUnit), GammaGammaFitter.Fit(observations));
        }

        var profiler = new RfmProfiler(calculator, new RfmModelSet(scorer, fits?.BgNbd.Parameters, fits?.GammaGamma.Parameters));
        var profiles = summaries.Select(profiler.Profile).ToList();
        var grid = new RfmGrid(options.Bins);
        var segmentCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            grid.Add(profile);
            var key = profile.Segment ?? (profile.Summary.HasPurchases ? "(no segment)" : "(no purchases)");
            segmentCounts[key] = segmentCounts.GetValueOrDefault(key) + 1;
        }
        var orderedSegments = options.SegmentMap.SegmentNames.Concat(["(no segment)", "(no purchases)"])
            .Where(segmentCounts.ContainsKey).Select(name => (name, segmentCounts[name])).ToList();

        if (request.Out is { } table)
            WriteTable(table.FullName, profiles, options);
        if (request.Svg is { } svgFile)
            File.WriteAllText(svgFile.FullName, RfmGridRenderer.ToSvg(grid, $"RFM grid of {source} as of {asOf.UtcDateTime:yyyy-MM-dd}"));

        var report = new Report(source, read, rejections.Count, summaries.Count, buyers, asOf, options, scorer, orderedSegments, grid, fits);
        if (request.Json)
            WriteJson(report, output);
        else
            WriteText(report, output);
        return fits is { BgNbd.Succeeded: false } or { GammaGamma.Succeeded: false } ? 1 : 0;
    }

    private sealed record Fits(DateTimeOffset CalibrationEnd, RfmTimeUnit TimeUnit, ModelFit<BgNbdParameters> BgNbd, ModelFit<GammaGammaParameters> GammaGamma);

    private sealed record Report(string Source, long Events, long Rejected, int Customers, int Buyers, DateTimeOffset AsOf, RfmOptions Options,
        RfmQuantileScorer Scorer, List<(string Name, long Count)> Segments, RfmGrid Grid, Fits? Fits);

    // A plain date means the end of that day in the business time zone (inclusive); an instant is taken as given.
    private static DateTimeOffset ParseEndOfDay(string text, TimeZoneInfo zone, string option)
    {
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var date))
            return EndOfDay(date, zone);
        if (EventRowParser.TryParseInstant(text, out var instant))
            return instant;
        throw new ArgumentException($"{option} '{text}' is not a date (yyyy-MM-dd) or an ISO-8601 instant.");
    }

    private static DateTimeOffset EndOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MaxValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static void WriteText(Report r, TextWriter o)
    {
        o.WriteLine($"{r.Source}: {r.Events} events, {r.Rejected} rejected rows, {r.Customers} customers ({r.Buyers} with purchases)");
        o.WriteLine($"as of {r.AsOf:yyyy-MM-dd HH:mm:ss zzz} ({r.Options.TimeZone.Id}); frequency = {Describe(r.Options.Frequency)}; monetary = net spend");
        o.WriteLine($"quantile scores 1-{r.Scorer.Bins}: {(r.Scorer.MaxRankError == 0 ? "exact" : $"rank error at most {r.Scorer.MaxRankError} customers")}");
        o.WriteLine($"  recency edges (days)  {Edges(r.Scorer.Recency)}");
        o.WriteLine($"  frequency edges       {Edges(r.Scorer.Frequency)}");
        o.WriteLine($"  monetary edges        {Edges(r.Scorer.Monetary)}");
        o.WriteLine();
        o.WriteLine($"Segments ({r.Options.SegmentMap.Name})");
        foreach (var (name, count) in r.Segments)
            o.WriteLine(string.Create(Invariant, $"  {name,-20} {count,8}  {100.0 * count / r.Customers,6:0.0}%"));
        o.WriteLine();
        o.WriteLine("RFM grid (recency score by frequency score)");
        o.Write(RfmGridRenderer.ToText(r.Grid));
        if (r.Fits is not { } fits)
            return;
        o.WriteLine();
        o.WriteLine($"Calibration period ends {fits.CalibrationEnd:yyyy-MM-dd HH:mm:ss zzz}; time unit {fits.TimeUnit.ToString().ToLowerInvariant()}");
        WriteFit(o, "BG/NBD", fits.BgNbd, p => [("r", p.R), ("alpha", p.Alpha), ("a", p.A), ("b", p.B)]);
        WriteFit(o, "Gamma-Gamma (customers with repeat purchases)", fits.GammaGamma, p => [("p", p.P), ("q", p.Q), ("gamma", p.Gamma)]);
    }

    private static void WriteFit<T>(TextWriter o, string title, ModelFit<T> fit, Func<T, (string Name, double Value)[]> values)
        where T : class
    {
        if (!fit.Succeeded)
        {
            o.WriteLine($"{title}: not fitted: {fit.Error.Message}");
            return;
        }
        o.WriteLine($"{title}: {fit.Customers} customers, {fit.Method}, {fit.Evaluations} likelihood evaluations");
        if (fit.Warning is { } warning)
            o.WriteLine($"  warning: {warning}");
        foreach (var (name, value) in values(fit.Parameters))
        {
            var se = fit.StandardErrors?.GetValueOrDefault(name) is { } s ? string.Create(Invariant, $"  (se {s:0.0000})") : "";
            o.WriteLine(string.Create(Invariant, $"  {name,-6} = {value,10:0.0000}{se}"));
        }
        o.WriteLine(string.Create(Invariant, $"  log-likelihood = {fit.LogLikelihood:0.0000}"));
    }

    private static void WriteJson(Report r, TextWriter o)
    {
        var json = new
        {
            source = r.Source,
            events = r.Events,
            rejectedRows = r.Rejected,
            customers = r.Customers,
            customersWithPurchases = r.Buyers,
            asOf = r.AsOf,
            timeZone = r.Options.TimeZone.Id,
            frequency = Describe(r.Options.Frequency),
            scoring = new
            {
                bins = r.Scorer.Bins,
                population = r.Scorer.Population,
                maxRankError = r.Scorer.MaxRankError,
                recencyEdgesDays = r.Scorer.Recency.Edges,
                frequencyEdges = r.Scorer.Frequency.Edges,
                monetaryEdges = r.Scorer.Monetary.Edges,
            },
            segmentMap = r.Options.SegmentMap.Name,
            segments = r.Segments.ToDictionary(s => s.Name, s => s.Count),
            grid = Enumerable.Range(1, r.Grid.Bins).SelectMany(rs => Enumerable.Range(1, r.Grid.Bins)
                .Select(fs => new { r = rs, f = fs, count = r.Grid[rs, fs].Count, averageMonetary = r.Grid[rs, fs].AverageMonetary })),
            btyd = r.Fits is not { } fits ? null : new
            {
                calibrationEnd = fits.CalibrationEnd,
                timeUnit = fits.TimeUnit.ToString().ToLowerInvariant(),
                bgNbd = FitJson(fits.BgNbd, p => new { r = p.R, alpha = p.Alpha, a = p.A, b = p.B }),
                gammaGamma = FitJson(fits.GammaGamma, p => new { p = p.P, q = p.Q, gamma = p.Gamma }),
            },
        };
        o.WriteLine(JsonSerializer.Serialize(json, JsonOptions));
    }

    private static object FitJson<T>(ModelFit<T> fit, Func<T, object> parameters)
        where T : class =>
        fit.Succeeded
            ? new { succeeded = true, parameters = parameters(fit.Parameters), logLikelihood = fit.LogLikelihood, customers = fit.Customers, standardErrors = fit.StandardErrors, warning = fit.Warning, method = fit.Method }
            : new { succeeded = false, error = fit.Error.Kind.ToString(), message = fit.Error.Message, customers = fit.Customers };

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void WriteTable(string path, List<RfmProfile> profiles, RfmOptions options)
    {
        var names = RfmValueNames.All(options);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        var jsonLines = Path.GetExtension(path).ToLowerInvariant() is ".jsonl" or ".ndjson" or ".json";
        if (!jsonLines)
            writer.WriteLine("customer_id," + string.Join(",", names));
        foreach (var profile in profiles)
        {
            var values = profile.ToValues();
            if (jsonLines)
            {
                var row = new Dictionary<string, object?> { ["customer_id"] = profile.CustomerId };
                foreach (var name in names)
                    row[name] = values[name];
                writer.WriteLine(JsonSerializer.Serialize(row));
            }
            else
            {
                writer.WriteLine(Csv(profile.CustomerId) + "," + string.Join(",", names.Select(n => Csv(Format(values[n])))));
            }
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset instant => instant.ToString("yyyy-MM-ddTHH:mm:ssK", Invariant),
        IFormattable formattable => formattable.ToString(null, Invariant),
        _ => value.ToString() ?? "",
    };

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static string Edges(ScoreEdges edges) => string.Join(" | ", edges.Edges.Select(e => e.ToString("0.##", Invariant)));

    private static string Describe(FrequencyBasis basis) => basis == FrequencyBasis.Orders ? "orders" : "distinct purchase days";
}
