using RetailTagging.Language;

namespace RetailTagging.Engine;

/// <summary>One sub-expression of a rule with the value it had.</summary>
/// <param name="Expression">The sub-expression as source text.</param>
/// <param name="Value">Its value for this customer at this instant.</param>
/// <param name="Children">The sub-expressions it was computed from.</param>
/// <param name="Note">Extra facts, e.g. which events an aggregate matched.</param>
public sealed record ExplanationNode(string Expression, Value Value, IReadOnlyList<ExplanationNode> Children, string? Note = null)
{
    /// <summary>The tree as indented text, one sub-expression per line.</summary>
    public string ToText()
    {
        var builder = new System.Text.StringBuilder();
        var stack = new Stack<(ExplanationNode Node, int Depth)>();
        stack.Push((this, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            builder.Append(' ', depth * 2).Append(node.Expression).Append("  =>  ").Append(node.Value.ToString());
            if (node.Note is not null) builder.Append("   (").Append(node.Note).Append(')');
            builder.AppendLine();
            for (var i = node.Children.Count - 1; i >= 0; i--) stack.Push((node.Children[i], depth + 1));
        }
        return builder.ToString();
    }
}

/// <summary>Why a customer does or does not hold a tag.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Tag">The tag.</param>
/// <param name="AsOf">The instant.</param>
/// <param name="Assigned">Whether the customer holds the tag.</param>
/// <param name="Value">The tag's effective value.</param>
/// <param name="Source">Where an assignment comes from; null when not assigned.</param>
/// <param name="Summary">One sentence for a rule author.</param>
/// <param name="Rule">The rule's value now and the value of every sub-expression that decided it.</param>
public sealed record TagExplanation(string CustomerId, string Tag, DateTimeOffset AsOf, bool Assigned, Value Value, TagSource? Source, string Summary, ExplanationNode Rule)
{
    /// <summary>The summary followed by the rule tree.</summary>
    public override string ToString() => Summary + Environment.NewLine + Rule.ToText();
}
