using RetailTagging.Language.Binding;
using RetailTagging.Language.Runtime;

namespace RetailTagging.Language;

/// <summary>
/// One checked and compiled expression. Immutable and thread-safe: evaluate it from any number
/// of threads. Evaluation never throws for any customer or events.
/// </summary>
public sealed class CompiledExpression
{
    private readonly BoundExpr _bound;
    private readonly AggregatePlan _aggregates;
    private readonly Func<EvaluationFrame, Value> _value;
    private readonly Func<EvaluationFrame, bool> _test;
    private readonly TimeZoneInfo _zone;

    internal CompiledExpression(string text, BoundExpr bound, AggregatePlan aggregates, long cost, TimeZoneInfo zone)
    {
        Text = text;
        _bound = bound;
        _aggregates = aggregates;
        _zone = zone;
        Cost = cost;
        _value = Compilation.DelegateCompiler.CompileValue(bound);
        _test = Compilation.DelegateCompiler.CompilePredicate(bound);
    }

    /// <summary>The expression in canonical form.</summary>
    public string Text { get; }

    /// <summary>The type of the expression's value.</summary>
    public TagType Type => _bound.Type;

    /// <summary>The static cost estimate (see docs/language.md).</summary>
    public long Cost { get; }

    /// <summary>The expression's value for a customer and their events as of <paramref name="asOf"/>.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="events">The customer's events in any order; events after <paramref name="asOf"/> are ignored.</param>
    /// <param name="asOf">The instant of evaluation.</param>
    /// <param name="scores">Model scores for <c>score("name")</c>, if any.</param>
    public Value Evaluate(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IReadOnlyDictionary<string, decimal>? scores = null) =>
        _value(Prepare(customer, events, asOf, scores));

    /// <summary>True when the expression evaluates to true; false for false and null.</summary>
    /// <inheritdoc cref="Evaluate" path="/param"/>
    public bool IsTrue(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IReadOnlyDictionary<string, decimal>? scores = null) =>
        _test(Prepare(customer, events, asOf, scores));

    /// <summary>The same value computed by the tree-walking interpreter: the test oracle.</summary>
    internal Value Interpret(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IReadOnlyDictionary<string, decimal>? scores = null)
    {
        var frame = new EvaluationFrame();
        frame.Reset(customer, events, asOf, _zone, scores, 0, 0);
        return Interpreter.Evaluate(_bound, frame);
    }

    private EvaluationFrame Prepare(Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IReadOnlyDictionary<string, decimal>? scores)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(events);
        var frame = EvaluationFrame.ForThisThread();
        frame.Reset(customer, events, asOf, _zone, scores, _aggregates.Count, 0);
        _aggregates.Run(frame);
        return frame;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
