using RetailTagging.Diagnostics;
using RetailTagging.Language;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;
using RetailTagging.Language.Optimization;
using RetailTagging.Language.Runtime;

namespace RetailTagging.Catalog;

/// <summary>
/// Checks <c>trigger</c> declarations against the catalog's schema and tags and builds their
/// <see cref="CatalogTrigger"/> descriptions. Filters and conditions are tag expressions, bound and
/// type-checked by the same binder; a filter is bound as <c>exists(type where filter)</c> so that it
/// sees the event's own fields exactly as inside a tag rule.
/// </summary>
internal sealed class TriggerChecker(DeclarationCollector collector, BindingContext catalog, CompilationOptions options, List<Diagnostic> diagnostics)
{
    private static readonly string[] ClauseWords = ["after", "unless", "not", "do", "via", "priority", "cooldown", "service", "with"];
    private static readonly string[] Transitions = ["entered", "exited", "changed"];
    private const int MaxOffsetDays = 180;

    public List<CatalogTrigger> Check(IEnumerable<Declaration> declarations)
    {
        var triggers = new List<CatalogTrigger>();
        foreach (var declaration in declarations.OfType<TriggerDeclaration>())
        {
            if (!collector.Claim("trigger", declaration.Name, declaration)) continue;
            var before = diagnostics.Count(d => d.IsError);
            var trigger = Check(declaration);
            if (trigger is not null && diagnostics.Count(d => d.IsError) == before) triggers.Add(trigger);
        }
        return triggers;
    }

    private CatalogTrigger? Check(TriggerDeclaration declaration)
    {
        var trigger = CheckSource(declaration.Source);
        var clauses = Distinct(declaration);
        if (trigger is null) return null;

        clauses.TryGetValue("after", out var delayClause);
        clauses.TryGetValue("cancel", out var cancelClause);
        var delay = (delayClause as DelayClause)?.Delay ?? TimeSpan.Zero;
        if (delayClause is DelayClause { Delay: var d } && d <= TimeSpan.Zero)
            Report(DiagnosticCodes.InvalidClause, delayClause.Location, "after", "a positive duration such as 72h");
        if (declaration.Source is InactivitySourceSyntax)
        {
            foreach (var clause in new[] { delayClause, cancelClause }.OfType<TriggerClause>())
                Report(DiagnosticCodes.ConflictingTriggerClauses, clause.Location, clause.Keyword, "on inactivity",
                    "an inactivity trigger waits for the period and is cancelled by the next matching event itself");
        }
        CatalogTriggerCancel? cancel = null;
        if (cancelClause is CancelClause c)
        {
            if (c.Sequence && delayClause is not null)
                Report(DiagnosticCodes.ConflictingTriggerClauses, delayClause.Location, "after", "not followed by", "'not followed by ... within' sets the delay itself");
            var window = c.Within ?? delay;
            if (c.Within is { } within && within <= TimeSpan.Zero)
                Report(DiagnosticCodes.InvalidTriggerTiming, c.Location, $"the window of '{c.Keyword}' must be a positive duration");
            else if (window <= TimeSpan.Zero)
                Report(DiagnosticCodes.InvalidTriggerTiming, c.Location, "'unless' needs 'within <duration>' or an 'after' delay to know how long it may cancel");
            if (c.Sequence) delay = window;
            if (Pattern(c.EventType, c.Filter, c.Location) is { } pattern) cancel = new CatalogTriggerCancel(pattern, window);
        }

        return trigger with
        {
            Name = declaration.Name,
            DisplayName = declaration.DisplayName,
            Position = declaration.Location.Position,
            Delay = delay,
            Cancel = cancel,
            Action = (clauses.GetValueOrDefault("do") as ActionClause)?.Action,
            Channels = Channels(clauses.GetValueOrDefault("via") as ChannelsClause),
            Priority = Priority(clauses.GetValueOrDefault("priority") as PriorityClause),
            Cooldown = (clauses.GetValueOrDefault("cooldown") as CooldownClause)?.Cooldown,
            IsService = clauses.ContainsKey("service"),
            Properties = Properties(clauses.GetValueOrDefault("with") as PropertiesClause),
        };
    }

    // Each clause at most once; "unless" and "not followed by" are both the cancel condition.
    private Dictionary<string, TriggerClause> Distinct(TriggerDeclaration declaration)
    {
        var clauses = new Dictionary<string, TriggerClause>(StringComparer.Ordinal);
        foreach (var clause in declaration.Clauses)
        {
            if (clause is UnknownClause unknown)
            {
                Report(DiagnosticCodes.UnknownTriggerClause, clause.Location, unknown.Word, NameSuggester.Hint(unknown.Word, ClauseWords));
                continue;
            }
            var key = clause is CancelClause ? "cancel" : clause.Keyword;
            if (clauses.TryGetValue(key, out var first))
            {
                if (first.Keyword == clause.Keyword) Report(DiagnosticCodes.DuplicateMetadata, clause.Location, clause.Keyword);
                else Report(DiagnosticCodes.ConflictingTriggerClauses, clause.Location, clause.Keyword, first.Keyword, "a trigger has one cancel condition");
                continue;
            }
            clauses[key] = clause;
        }
        return clauses;
    }

    private CatalogTrigger? CheckSource(TriggerSourceSyntax source)
    {
        switch (source)
        {
            case EventSourceSyntax e:
            {
                var pattern = Pattern(e.EventType, e.Filter, e.Location);
                var condition = e.Condition is null ? null : Condition(e.Condition);
                if (pattern is null || (e.Condition is not null && condition is null)) return null;
                return Describe(CatalogTriggerSourceKind.Event) with { Event = pattern, Condition = condition };
            }
            case InactivitySourceSyntax inactivity:
            {
                var pattern = Pattern(inactivity.EventType, inactivity.Filter, inactivity.Location);
                if (inactivity.Period <= TimeSpan.Zero)
                {
                    Report(DiagnosticCodes.InvalidTriggerTiming, inactivity.PeriodLocation, "an inactivity period must be a positive duration such as 28d");
                    return null;
                }
                return pattern is null ? null : Describe(CatalogTriggerSourceKind.Inactivity) with { Event = pattern, InactivityPeriod = inactivity.Period };
            }
            case TagSourceSyntax tag:
            {
                var known = catalog.AllTagNames.Contains(tag.Tag);
                if (!known)
                {
                    var suggestion = NameSuggester.Suggest(tag.Tag, catalog.AllTagNames);
                    Report(DiagnosticCodes.UnknownTag, source.Location, tag.Tag, suggestion is null ? "" : $"; did you mean '@{suggestion}'?");
                }
                CatalogTriggerSourceKind? kind = tag.Transition switch
                {
                    "entered" => CatalogTriggerSourceKind.TagEntered,
                    "exited" => CatalogTriggerSourceKind.TagExited,
                    "changed" => CatalogTriggerSourceKind.TagChanged,
                    _ => null,
                };
                if (kind is null) Report(DiagnosticCodes.UnknownTagTransition, tag.TransitionLocation, tag.Transition, NameSuggester.Hint(tag.Transition, Transitions));
                return known && kind is { } k ? Describe(k) with { Tag = tag.Tag } : null;
            }
            case DateSourceSyntax date:
                return CheckDate(date);
            default:
                throw new InvalidOperationException($"Unknown trigger source {source.GetType().Name}.");
        }
    }

    private CatalogTrigger? CheckDate(DateSourceSyntax date)
    {
        var ok = true;
        if (!collector.Schema.Attributes.TryGetValue(date.Attribute, out var attribute) || attribute.Type.Kind is not (TypeKind.Date or TypeKind.Instant))
        {
            var dates = collector.Schema.Attributes.Values.Where(a => a.Type.Kind is TypeKind.Date or TypeKind.Instant).Select(a => a.Name);
            Report(DiagnosticCodes.NotADateAttribute, date.Location, date.Attribute, NameSuggester.Hint(date.Attribute, dates));
            ok = false;
        }
        else catalog.Used.Add(attribute.Name);
        var days = date.Offset.TotalDays;
        if (date.Offset.Ticks % TimeSpan.TicksPerDay != 0 || Math.Abs(days) > MaxOffsetDays)
        {
            Report(DiagnosticCodes.InvalidTriggerTiming, date.OffsetLocation, $"a date offset must be whole days, at most {MaxOffsetDays}, e.g. '- 3d'");
            ok = false;
        }
        if (date.Hour is < 0 or > 23 || date.Minute is < 0 or > 59 || date.Hour != decimal.Truncate(date.Hour) || date.Minute != decimal.Truncate(date.Minute))
        {
            Report(DiagnosticCodes.InvalidTriggerTiming, date.TimeLocation, "the time of day must be hh:mm from 00:00 to 23:59");
            ok = false;
        }
        return ok
            ? Describe(CatalogTriggerSourceKind.Date) with
            {
                DateAttribute = date.Attribute,
                DateOffsetDays = (int)days,
                LocalTime = new TimeOnly((int)date.Hour, (int)date.Minute),
            }
            : null;
    }

    private static CatalogTrigger Describe(CatalogTriggerSourceKind kind) => new() { Name = "", Source = kind };

    private CatalogEventPattern? Pattern(string eventType, Expr? filter, SyntaxLocation at)
    {
        if (!collector.Schema.EventTypes.ContainsKey(eventType))
        {
            Report(DiagnosticCodes.UnknownEventType, at, eventType, NameSuggester.Hint(eventType, collector.Schema.EventTypes.Keys));
            return null;
        }
        catalog.Used.Add(eventType);
        if (filter is null) return new CatalogEventPattern(eventType, null, null);
        var exists = new AggregateExpr(AggregateKind.Exists, eventType, null, filter, Value.Null) { Location = filter.Location };
        return Compile(exists, "a trigger filter") is { } compiled ? new CatalogEventPattern(eventType, filter.ToString(), compiled) : null;
    }

    private CompiledExpression? Condition(Expr condition)
    {
        var references = SyntaxTree.DescendantsAndSelf(condition).OfType<TagReferenceExpr>().ToList();
        foreach (var reference in references) Report(DiagnosticCodes.TagReferenceInTrigger, reference.Location, reference.Tag);
        return references.Count > 0 ? null : Compile(condition, "a trigger condition");
    }

    // The pipeline of TagExpression.TryCompile, against the catalog's schema and time zone.
    private CompiledExpression? Compile(Expr syntax, string what)
    {
        if (SyntaxTree.Depth(syntax) > options.Limits.MaxDepth)
        {
            diagnostics.Add(DiagnosticCodes.NestingTooDeep.At(syntax.Location.Position, options.Limits.MaxDepth));
            return null;
        }
        var table = new AggregateTable();
        var context = new BindingContext(collector.Schema, table, diagnostics);
        var bound = Binder.Bind(syntax, context);
        catalog.Used.UnionWith(context.Used);
        if (bound is null) return null;
        if (bound.Type.Kind is not (TypeKind.Bool or TypeKind.Null))
        {
            diagnostics.Add(DiagnosticCodes.ConditionNotBool.At(syntax.Location.Position, what, bound.Type));
            return null;
        }
        var simplified = Simplifier.Simplify(bound);
        var cost = CostEstimator.Estimate(simplified);
        if (cost > options.Limits.MaxCost)
        {
            diagnostics.Add(DiagnosticCodes.CostLimitExceeded.At(syntax.Location.Position, cost, options.Limits.MaxCost));
            return null;
        }
        return new CompiledExpression(syntax.ToString(), simplified, new AggregatePlan(table.Specs), cost, collector.TimeZone);
    }

    private List<string> Channels(ChannelsClause? clause)
    {
        var channels = new List<string>();
        if (clause is null) return channels;
        foreach (var (name, location) in clause.Channels)
        {
            if (!CatalogTrigger.KnownChannels.Contains(name))
                Report(DiagnosticCodes.UnknownChannel, location, name, NameSuggester.Hint(name, CatalogTrigger.KnownChannels));
            else if (!channels.Contains(name)) channels.Add(name);
        }
        return channels;
    }

    private int Priority(PriorityClause? clause)
    {
        if (clause is null) return 0;
        if (clause.Priority != decimal.Truncate(clause.Priority) || clause.Priority is < int.MinValue or > int.MaxValue)
        {
            Report(DiagnosticCodes.InvalidClause, clause.Location, "priority", "a whole number such as 50");
            return 0;
        }
        return (int)clause.Priority;
    }

    private Dictionary<string, string> Properties(PropertiesClause? clause)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (clause is null) return properties;
        foreach (var (key, value, location) in clause.Properties)
            if (!properties.TryAdd(key, value)) Report(DiagnosticCodes.DuplicateMetadata, location, key);
        return properties;
    }

    private void Report(DiagnosticDescriptor descriptor, SyntaxLocation at, params object?[] args) =>
        diagnostics.Add(descriptor.At(at.Position, args));
}
