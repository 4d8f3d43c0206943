using RetailTagging.Language;
using RetailTagging.Language.Ast;

namespace RetailTagging.Core.Tests.Generators;

/// <summary>Random syntax trees (not necessarily well-typed) for the print/parse round trip.</summary>
public sealed class RandomSyntax(Random random)
{
    private static readonly string[] Names = ["amount", "category", "x", "y_2", "city", "_z"];
    private static readonly string[] Functions = ["contains", "lower", "days_since", "round", "coalesce", "now", "score"];
    private static readonly string[] EventTypes = ["purchase", "refund", "cart_add", "wishlist_add"];

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public Expr Expr(int depth)
    {
        if (depth <= 0 || random.Next(4) == 0) return Leaf();
        return random.Next(11) switch
        {
            0 => new UnaryExpr(Pick(Enum.GetValues<UnaryOperator>()), Expr(depth - 1)),
            1 or 2 => new BinaryExpr(Pick(Enum.GetValues<BinaryOperator>()), Expr(depth - 1), Expr(depth - 1)),
            3 => new BetweenExpr(Expr(depth - 1), Expr(depth - 1), Expr(depth - 1), random.Next(2) == 0),
            4 => new InExpr(Expr(depth - 1), random.Next(2) == 0 ? List(depth - 1) : Leaf(), random.Next(2) == 0),
            5 => new IsNullExpr(Expr(depth - 1), random.Next(2) == 0),
            6 => new CaseExpr(new NodeList<CaseBranch>(Enumerable.Range(0, 1 + random.Next(2)).Select(_ => new CaseBranch(Expr(depth - 1), Expr(depth - 1)))),
                random.Next(2) == 0 ? null : Expr(depth - 1)),
            7 => Call(depth),
            8 => Aggregate(depth),
            9 => List(depth - 1),
            _ => Expr(depth - 1),
        };
    }

    private Expr Call(int depth)
    {
        // min and max need two arguments, or they read as aggregates.
        var name = random.Next(3) == 0 ? Pick(["min", "max"]) : Pick(Functions);
        var count = name is "min" or "max" ? 2 + random.Next(2) : random.Next(3);
        return new CallExpr(name, new NodeList<Expr>(Enumerable.Range(0, count).Select(_ => Expr(depth - 1))));
    }

    private Expr Aggregate(int depth)
    {
        var kind = Pick(Enum.GetValues<AggregateKind>());
        var property = random.Next(2) == 0 ? null : Pick(Names.Append("at").ToArray());
        var filter = random.Next(2) == 0 ? null : Expr(depth - 1);
        var window = random.Next(2) == 0 ? Value.Null : Value.FromDuration(TimeSpan.FromHours(1 + random.Next(5000)));
        return new AggregateExpr(kind, Pick(EventTypes), property, filter, window);
    }

    private Expr List(int depth) => new ListExpr(new NodeList<Expr>(Enumerable.Range(0, random.Next(4)).Select(_ => Expr(depth))));

    private Expr Leaf() => random.Next(6) switch
    {
        0 => new NameExpr(Pick(Names)),
        1 => new MemberExpr(random.Next(3) == 0 ? Pick(Names) : "customer", Pick(Names)),
        2 => new TagReferenceExpr(Pick(Names)),
        _ => new LiteralExpr(Literal()),
    };

    public Value Literal() => random.Next(9) switch
    {
        0 => Value.Null,
        1 => Value.FromBool(random.Next(2) == 0),
        2 => Value.FromNumber(random.Next(-1000, 1000)),
        3 => Value.FromNumber(new decimal(random.Next(), random.Next(), 0, random.Next(2) == 0, (byte)random.Next(0, 10))),
        4 => Value.FromString(RandomString()),
        5 => Value.FromDuration(TimeSpan.FromTicks(random.NextInt64(-TimeSpan.TicksPerDay * 1000, TimeSpan.TicksPerDay * 1000) / 10_000 * 10_000)),
        6 => Value.FromDate(DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber))),
        7 => Value.FromInstant(new DateTimeOffset(random.NextInt64(DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero)),
        _ => Value.FromNumber(random.Next(0, 100)),
    };

    private string RandomString()
    {
        const string alphabet = "ab Z09\"\\\n\t\r\u00e9\u4e2d\u0001$#@";
        return new string(Enumerable.Range(0, random.Next(6)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }
}
