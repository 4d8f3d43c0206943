using System.Linq.Dynamic.Core;
using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using RetailTagging.Benchmarks.Infrastructure;
using RetailTagging.Language;
using RulesEngine.Models;

namespace RetailTagging.Benchmarks.Suites;

/// <summary>
/// Suite 1: one predicate, <c>customer.age &gt; 30 and customer.city == "Shanghai"</c>, over 1,024
/// generated customers (results are per customer). Contenders: our compiled expression, a
/// hand-written lambda (the limit), System.Linq.Dynamic.Core parsed and compiled (a baseline
/// only: the product never evaluates rule-author input with it) and Microsoft RulesEngine.
/// </summary>
[MemoryDiagnoser]
public class SinglePredicateBenchmarks
{
    private const int N = 1024;
    private const string Rule = "customer.age > 30 and customer.city == \"Shanghai\"";

    private Customer[] _customers = [];
    private DateTimeOffset _asOf;
    private CompiledExpression _ours = null!;
    private Func<Customer, DateTimeOffset, bool> _lambda = null!;
    private Func<Customer, DateTimeOffset, bool> _dynamicLinq = null!;
    private RulesEngine.RulesEngine _rulesEngine = null!;
    private RuleParameter[][] _ruleParameters = [];

    [GlobalSetup]
    public void Setup()
    {
        _customers = [.. BenchmarkData.Customers(N).Select(c => c.Customer)];
        _asOf = BenchmarkData.AsOf;

        if (!TagExpression.TryCompile(Rule, out var compiled, out var diagnostics))
            throw new InvalidOperationException(string.Join(Environment.NewLine, diagnostics));
        _ours = compiled!;

        // The hand-written limit: age from the birth date as of the same date, like ours.
        _lambda = static (c, asOf) => AgeCalculator.Years(c.BirthDate, asOf) > 30 && c.City == "Shanghai";

        var customer = Expression.Parameter(typeof(Customer), "c");
        var asOfParameter = Expression.Parameter(typeof(DateTimeOffset), "asOf");
        _dynamicLinq = (Func<Customer, DateTimeOffset, bool>)DynamicExpressionParser
            .ParseLambda([customer, asOfParameter], typeof(bool), "AgeCalculator.Years(c.BirthDate, asOf) > 30 && c.City == \"Shanghai\"")
            .Compile();

        var workflow = new Workflow
        {
            WorkflowName = "single",
            Rules = [new Rule { RuleName = "shanghai_over_30", Expression = "AgeCalculator.Years(c.BirthDate, asOf) > 30 AND c.City == \"Shanghai\"" }],
        };
        _rulesEngine = new RulesEngine.RulesEngine([workflow], new ReSettings { CustomTypes = [typeof(AgeCalculator)] });
        // Parameters are built once, outside the timing, which favours RulesEngine.
        _ruleParameters = [.. _customers.Select(c => new[] { new RuleParameter("c", c), new RuleParameter("asOf", _asOf) })];

        var expected = _customers.Select(c => _lambda(c, _asOf)).ToList();
        BenchmarkData.RequireSame("single predicate", "ours", expected, _customers.Select(c => _ours.IsTrue(c, [], _asOf)).ToList());
        BenchmarkData.RequireSame("single predicate", "Dynamic LINQ", expected, _customers.Select(c => _dynamicLinq(c, _asOf)).ToList());
        BenchmarkData.RequireSame("single predicate", "RulesEngine", expected, _ruleParameters.Select(RunRulesEngine).ToList());
        BenchmarkData.RequireMixed("single predicate", expected);
    }

    private bool RunRulesEngine(RuleParameter[] parameters) =>
        _rulesEngine.ExecuteAllRulesAsync("single", parameters).GetAwaiter().GetResult()[0].IsSuccess;

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "Hand-written lambda")]
    public int Lambda()
    {
        var matches = 0;
        foreach (var c in _customers)
            if (_lambda(c, _asOf)) matches++;
        return matches;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "RetailTagging (compiled)")]
    public int Ours()
    {
        var matches = 0;
        foreach (var c in _customers)
            if (_ours.IsTrue(c, [], _asOf)) matches++;
        return matches;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "System.Linq.Dynamic.Core")]
    public int DynamicLinq()
    {
        var matches = 0;
        foreach (var c in _customers)
            if (_dynamicLinq(c, _asOf)) matches++;
        return matches;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "Microsoft RulesEngine")]
    public int RulesEngine()
    {
        var matches = 0;
        foreach (var parameters in _ruleParameters)
            if (RunRulesEngine(parameters)) matches++;
        return matches;
    }
}
