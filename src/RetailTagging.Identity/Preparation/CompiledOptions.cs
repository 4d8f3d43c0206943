using System.Text.RegularExpressions;

namespace RetailTagging.Identity;

/// <summary>Options validated once and turned into the lookups the hot paths use.</summary>
internal sealed class CompiledOptions
{
    public sealed record Rule(int Index, string Name, int Priority, FieldSpec[] Fields, int[] ConflictFields)
    {
        /// <summary>Each field's position in <see cref="CompiledOptions.Fields"/>.</summary>
        public int[] FieldSlots { get; set; } = [];
    }

    public sealed record Comparison(FieldSpec Field, ComparisonMethod Method, double Agree, double Disagree, double Floor);

    public sealed record BlockingKey(string Text, FieldSpec[] Fields)
    {
        /// <summary>Each field's position in <see cref="CompiledOptions.Fields"/>.</summary>
        public int[] FieldSlots { get; set; } = [];
    }

    // Compiled once per process: resolvers are cheap to create, regex compilation is not.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    private readonly Dictionary<string, IIdentifierNormalizer> _normalizers = new(StringComparer.Ordinal);
    private readonly IIdentifierNormalizer _defaultNormalizer = new CodeNormalizer(caseSensitive: false, removeSeparators: false);
    private readonly HashSet<(string? Type, string Value)> _blockedExact = [];
    private readonly List<(string? Type, Regex Pattern)> _blockedPatterns = [];

    public CompiledOptions(IdentityResolutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Source = options;
        _normalizers[IdentifierTypes.Phone] = new PhoneNormalizer(options.PhoneRegion);
        _normalizers[IdentifierTypes.Email] = new EmailNormalizer(options.EmailProviders ?? []);
        _normalizers[IdentifierTypes.MemberId] = new CodeNormalizer(caseSensitive: false, removeSeparators: true);
        _normalizers[IdentifierTypes.PosCard] = new CodeNormalizer(caseSensitive: false, removeSeparators: true);
        _normalizers[IdentifierTypes.DeviceId] = new CodeNormalizer(caseSensitive: false, removeSeparators: false);
        _normalizers[IdentifierTypes.WeChatOpenId] = new CodeNormalizer(caseSensitive: true, removeSeparators: false);
        _normalizers[IdentifierTypes.WeChatUnionId] = new CodeNormalizer(caseSensitive: true, removeSeparators: false);
        foreach (var (name, type) in options.CustomIdentifierTypes ?? new Dictionary<string, IdentifierTypeOptions>())
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, "CustomIdentifierTypes key");
            ArgumentNullException.ThrowIfNull(type);
            _normalizers[name.Trim().ToLowerInvariant()] = type.Normalizer ?? new CodeNormalizer(type.CaseSensitive, type.RemoveSeparators);
        }

        var conflictFields = new List<FieldSpec>();
        var rules = options.Rules ?? throw new ArgumentException("Rules must not be null.", nameof(options));
        Rules = rules.Select((r, i) =>
        {
            ArgumentNullException.ThrowIfNull(r);
            var where = $"rule '{r.Name}'";
            if (string.IsNullOrWhiteSpace(r.Name) || r.Fields is null || r.Fields.Count == 0)
            {
                throw new ArgumentException($"Rule #{i + 1} needs a name and at least one field.", nameof(options));
            }
            var conflicts = (r.UnlessConflicting ?? []).Select(f => FieldSpec.Parse(f, IsIdentifierType, where)).ToArray();
            var indexes = conflicts.Select(f =>
            {
                var at = conflictFields.FindIndex(c => c == f);
                if (at < 0)
                {
                    conflictFields.Add(f);
                    at = conflictFields.Count - 1;
                }
                return at;
            }).ToArray();
            return new Rule(i, r.Name, r.Priority, r.Fields.Select(f => FieldSpec.Parse(f, IsIdentifierType, where)).ToArray(), indexes);
        }).ToArray();
        ConflictFields = [.. conflictFields];
        if (Rules.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count() != Rules.Length)
        {
            throw new ArgumentException("Rule names must be unique.", nameof(options));
        }

        LimitedTypes = [];
        Limits = [];
        foreach (var (type, limit) in (options.IdentifierLimits ?? new Dictionary<string, int>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (limit < 1)
            {
                throw new ArgumentException($"The limit for '{type}' must be at least 1 (remove the entry for no limit).", nameof(options));
            }
            LimitedTypes = [.. LimitedTypes, type.Trim().ToLowerInvariant()];
            Limits = [.. Limits, limit];
        }

        var fuzzy = options.Fuzzy ?? new FuzzyMatchingOptions();
        FuzzyEnabled = fuzzy.Enabled;
        if (fuzzy.ReviewThreshold is < 0 or > 1 || fuzzy.AutoMergeThreshold is < 0 or > 1 || fuzzy.ReviewThreshold > fuzzy.AutoMergeThreshold)
        {
            throw new ArgumentException($"Fuzzy thresholds must satisfy 0 <= ReviewThreshold ({fuzzy.ReviewThreshold}) <= AutoMergeThreshold ({fuzzy.AutoMergeThreshold}) <= 1.", nameof(options));
        }
        if (fuzzy.MaxBlockSize < 2)
        {
            throw new ArgumentException("Fuzzy.MaxBlockSize must be at least 2.", nameof(options));
        }
        AutoMergeThreshold = fuzzy.AutoMergeThreshold;
        ReviewThreshold = fuzzy.ReviewThreshold;
        if (!double.IsFinite(fuzzy.PriorWeight))
        {
            throw new ArgumentException("Fuzzy.PriorWeight must be a finite number of bits.", nameof(options));
        }
        PriorWeight = fuzzy.PriorWeight;
        MaxBlockSize = fuzzy.MaxBlockSize;
        BlockingKeys = (fuzzy.BlockingKeys ?? []).Select(k =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(k, "Fuzzy.BlockingKeys entry");
            return new BlockingKey(k, k.Split('+').Select(f => FieldSpec.Parse(f, IsIdentifierType, $"blocking key '{k}'")).ToArray());
        }).ToArray();
        Comparisons = (fuzzy.Comparisons ?? []).Select(c =>
        {
            ArgumentNullException.ThrowIfNull(c);
            if (!double.IsFinite(c.AgreeWeight) || !double.IsFinite(c.DisagreeWeight) || c.AgreeWeight < c.DisagreeWeight)
            {
                throw new ArgumentException($"Comparison '{c.Field}' needs finite weights with AgreeWeight ({c.AgreeWeight}) >= DisagreeWeight ({c.DisagreeWeight}).", nameof(options));
            }
            if (c.PartialFloor is < 0 or > 1)
            {
                throw new ArgumentException($"Comparison '{c.Field}': PartialFloor must be between 0 and 1.", nameof(options));
            }
            return new Comparison(FieldSpec.Parse(c.Field, IsIdentifierType, "fuzzy comparison"), c.Method, c.AgreeWeight, c.DisagreeWeight, c.PartialFloor);
        }).ToArray();
        // Strongest comparisons first, so that scoring can stop early (see FuzzyScorer.Score).
        ComparisonOrder = Enumerable.Range(0, Comparisons.Length).OrderByDescending(i => Comparisons[i].Agree).ThenBy(i => i).ToArray();
        TotalAgreeWeight = Comparisons.Sum(c => Math.Max(c.Agree, 0));
        ReviewBits = ReviewThreshold <= 0 ? double.NegativeInfinity : ReviewThreshold >= 1 ? double.PositiveInfinity : Math.Log2(ReviewThreshold / (1 - ReviewThreshold));
        // Every distinct field any rule, key, guard or comparison reads: a record's values of each are computed once.
        var slots = new Dictionary<FieldSpec, int>();
        int Slot(FieldSpec field)
        {
            if (!slots.TryGetValue(field, out var at))
            {
                slots[field] = at = slots.Count;
            }
            return at;
        }
        foreach (var rule in Rules)
        {
            rule.FieldSlots = rule.Fields.Select(Slot).ToArray();
        }
        foreach (var block in BlockingKeys)
        {
            block.FieldSlots = block.Fields.Select(Slot).ToArray();
        }
        ComparisonSlots = Comparisons.Select(c => Slot(c.Field)).ToArray();
        ConflictSlots = ConflictFields.Select(Slot).ToArray();
        // A limited type's values are the type's identifier values: the same array as the field's when a rule reads it.
        LimitSlots = LimitedTypes.Select(t => Slot(new FieldSpec(t, IsIdentifier: true, Take: 0))).ToArray();
        Fields = [.. slots.OrderBy(p => p.Value).Select(p => p.Key)];
        if (FuzzyEnabled && (BlockingKeys.Length == 0 || Comparisons.Length == 0))
        {
            throw new ArgumentException("Fuzzy matching needs at least one blocking key and one comparison (or set Fuzzy.Enabled to false).", nameof(options));
        }

        if (options.MaxRecordsPerValue < 0)
        {
            throw new ArgumentException("MaxRecordsPerValue must be 0 (off) or positive.", nameof(options));
        }
        MaxRecordsPerValue = options.MaxRecordsPerValue == 0 ? int.MaxValue : options.MaxRecordsPerValue;

        var blocked = (options.UseDefaultBlockedValues ? BlockedValue.Defaults : []).Concat(options.BlockedValues ?? []);
        foreach (var b in blocked)
        {
            ArgumentNullException.ThrowIfNull(b);
            var type = string.IsNullOrWhiteSpace(b.Type) ? null : b.Type.Trim().ToLowerInvariant();
            if (b.Value is null == b.Pattern is null)
            {
                throw new ArgumentException("A blocked value needs exactly one of Value or Pattern.", nameof(options));
            }
            if (b.Value is not null)
            {
                if (type is null)
                {
                    _blockedExact.Add((null, b.Value.Trim().ToLowerInvariant()));
                }
                else if (GetNormalizer(type).Normalize(b.Value) is { IsValid: true } normalized)
                {
                    _blockedExact.Add((type, normalized.Value!));
                }
                // A blocked value that does not even normalise can never occur as a valid identifier.
            }
            else
            {
                try
                {
                    _blockedPatterns.Add((type, Patterns.GetOrAdd(b.Pattern!, Compile)));
                }
                catch (ArgumentException ex)
                {
                    throw new ArgumentException($"Blocked pattern '{b.Pattern}' is not a valid regular expression: {ex.Message}", nameof(options), ex);
                }
            }
        }

        SourcePriorities = new Dictionary<string, int>(options.SourcePriorities ?? new Dictionary<string, int>(), StringComparer.OrdinalIgnoreCase);
        var survivorship = options.Survivorship ?? new SurvivorshipOptions();
        DefaultSurvivorship = survivorship.Default;
        Survivorship = new Dictionary<string, SurvivorshipRule>(survivorship.Attributes ?? new Dictionary<string, SurvivorshipRule>(), StringComparer.OrdinalIgnoreCase);
        CustomerIdPrefix = options.CustomerIdPrefix ?? "";
    }

    /// <summary>
    /// Linear-time matching (no backtracking, so no timeout to check on every match) when the pattern allows
    /// it; patterns with backreferences or lookarounds fall back to a backtracking engine with a timeout.
    /// </summary>
    private static Regex Compile(string pattern)
    {
        var anchored = $"^(?:{pattern})$";
        try
        {
            return new Regex(anchored, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(anchored, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
        }
    }

    public IdentityResolutionOptions Source { get; }
    public Rule[] Rules { get; }

    /// <summary>Every field some rule must not conflict on; rules refer to them by index.</summary>
    public FieldSpec[] ConflictFields { get; }
    public string[] LimitedTypes { get; }

    /// <summary>The distinct fields read by rules, blocking keys, conflict guards and comparisons.</summary>
    public FieldSpec[] Fields { get; }

    /// <summary>Per comparison, its field's position in <see cref="Fields"/>.</summary>
    public int[] ComparisonSlots { get; }

    /// <summary>Per conflict field, its position in <see cref="Fields"/>.</summary>
    public int[] ConflictSlots { get; }

    /// <summary>Per limited type, the position of its (uncut) identifier field in <see cref="Fields"/>.</summary>
    public int[] LimitSlots { get; }
    public int[] Limits { get; }
    public bool FuzzyEnabled { get; }
    public double AutoMergeThreshold { get; }
    public double ReviewThreshold { get; }
    public double PriorWeight { get; }
    public int MaxBlockSize { get; }
    public BlockingKey[] BlockingKeys { get; }
    public Comparison[] Comparisons { get; }
    public int[] ComparisonOrder { get; }
    public double TotalAgreeWeight { get; }

    /// <summary>The review threshold as bits of evidence (log-odds, base 2).</summary>
    public double ReviewBits { get; }
    public int MaxRecordsPerValue { get; }
    public IReadOnlyDictionary<string, int> SourcePriorities { get; }
    public SurvivorshipRule DefaultSurvivorship { get; }
    public IReadOnlyDictionary<string, SurvivorshipRule> Survivorship { get; }
    public string CustomerIdPrefix { get; }

    public bool IsIdentifierType(string name) => _normalizers.ContainsKey(name);

    public IIdentifierNormalizer GetNormalizer(string type) =>
        _normalizers.TryGetValue(type, out var n) ? n : _defaultNormalizer;

    public SurvivorshipRule SurvivorshipFor(string attribute) =>
        Survivorship.TryGetValue(attribute, out var rule) ? rule : DefaultSurvivorship;

    public int PriorityOf(SourceRecord record) =>
        record.Priority ?? (SourcePriorities.TryGetValue(record.Source, out var p) ? p : 0);

    /// <summary>Why a normalised value is blocked, or null.</summary>
    public string? BlockReason(string type, string value)
    {
        if (_blockedExact.Contains((type, value)) || _blockedExact.Contains((null, value.ToLowerInvariant())))
        {
            return $"'{value}' is a blocked {type} value";
        }
        foreach (var (t, pattern) in _blockedPatterns)
        {
            try
            {
                if ((t is null || t == type) && pattern.IsMatch(value))
                {
                    return $"'{value}' matches the blocked pattern {pattern}";
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A value that makes a pattern run away is treated as junk rather than trusted.
                return $"'{value}' made the blocked pattern {pattern} time out";
            }
        }
        return null;
    }
}
