namespace RetailTagging.Language.Ast;

/// <summary>Structural helpers over expression trees that never recurse (safe on any depth).</summary>
public static class SyntaxTree
{
    /// <summary>The direct children of <paramref name="expr"/>.</summary>
    public static IEnumerable<Expr> Children(Expr expr) => expr switch
    {
        ListExpr list => list.Items,
        UnaryExpr unary => [unary.Operand],
        BinaryExpr binary => [binary.Left, binary.Right],
        BetweenExpr between => [between.Value, between.Low, between.High],
        InExpr @in => [@in.Value, @in.List],
        IsNullExpr isNull => [isNull.Value],
        CaseExpr @case => @case.Branches.SelectMany(b => new[] { b.Condition, b.Result }).Concat(@case.Else is null ? [] : [@case.Else]),
        CallExpr call => call.Arguments,
        AggregateExpr aggregate => aggregate.Filter is null ? [] : [aggregate.Filter],
        _ => [],
    };

    /// <summary>The depth of the tree (a leaf has depth 1), computed with an explicit stack.</summary>
    public static int Depth(Expr expr)
    {
        var max = 0;
        var stack = new Stack<(Expr Node, int Depth)>();
        stack.Push((expr, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            max = Math.Max(max, depth);
            foreach (var child in Children(node)) stack.Push((child, depth + 1));
        }
        return max;
    }

    /// <summary>Every node of the tree, parents before children, without recursion.</summary>
    public static IEnumerable<Expr> DescendantsAndSelf(Expr expr)
    {
        var stack = new Stack<Expr>();
        stack.Push(expr);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in Children(node).Reverse()) stack.Push(child);
        }
    }
}
