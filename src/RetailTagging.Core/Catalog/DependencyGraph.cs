using RetailTagging.Language.Ast;

namespace RetailTagging.Catalog;

/// <summary>
/// Orders tags so every tag comes after the tags it references, and finds the cycles that make
/// such an order impossible. Iterative, so a long chain of references cannot overflow the stack.
/// </summary>
internal static class DependencyGraph
{
    public static IReadOnlyList<string> References(Expr expr) =>
        [.. SyntaxTree.DescendantsAndSelf(expr).OfType<TagReferenceExpr>().Select(r => r.Tag).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Returns the tags in dependency order (ties in declaration order) and every cycle found,
    /// each as the path of names that closes it. Tags on or behind a cycle are left out.
    /// </summary>
    public static (List<string> Order, List<List<string>> Cycles) Sort(IReadOnlyList<string> tags, IReadOnlyDictionary<string, IReadOnlyList<string>> references)
    {
        var known = new HashSet<string>(tags, StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 0 new, 1 on stack, 2 done
        var order = new List<string>();
        var cycles = new List<List<string>>();
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in tags)
        {
            if (state.GetValueOrDefault(root) != 0) continue;
            var path = new List<string>();
            var stack = new Stack<(string Tag, IEnumerator<string> Next)>();
            Enter(root);
            while (stack.Count > 0)
            {
                var (tag, next) = stack.Peek();
                if (next.MoveNext())
                {
                    var dependency = next.Current;
                    if (!known.Contains(dependency)) continue;
                    switch (state.GetValueOrDefault(dependency))
                    {
                        case 0: Enter(dependency); break;
                        case 1:
                            var cycle = path.Skip(path.IndexOf(dependency)).Append(dependency).ToList();
                            cycles.Add(cycle);
                            foreach (var member in cycle) blocked.Add(member);
                            break;
                    }
                    continue;
                }
                stack.Pop();
                path.RemoveAt(path.Count - 1);
                state[tag] = 2;
                if (references[tag].Any(blocked.Contains)) blocked.Add(tag);
                if (!blocked.Contains(tag)) order.Add(tag);
            }

            void Enter(string tag)
            {
                state[tag] = 1;
                path.Add(tag);
                stack.Push((tag, references[tag].GetEnumerator()));
            }
        }
        return (order, cycles);
    }
}
