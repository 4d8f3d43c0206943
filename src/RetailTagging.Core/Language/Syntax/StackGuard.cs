using System.Runtime.CompilerServices;
using Superpower;
using Superpower.Model;

namespace RetailTagging.Language.Syntax;

/// <summary>
/// Protects the recursive-descent grammar from running out of stack on hostile nesting: when the
/// stack runs low the guarded parser fails and records that it did, and the driver turns that into
/// a "nested too deeply" diagnostic instead of a crash.
/// </summary>
internal static class StackGuard
{
    [ThreadStatic] private static bool t_exhausted;

    public static bool Exhausted => t_exhausted;

    public static void Reset() => t_exhausted = false;

    public static TokenListParser<TagToken, T> Ref<T>(Func<TokenListParser<TagToken, T>> reference)
    {
        TokenListParser<TagToken, T>? parser = null;
        return input =>
        {
            if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                t_exhausted = true;
                return TokenListParserResult.Empty<TagToken, T>(input, "expression nested too deeply");
            }
            parser ??= reference();
            return parser(input);
        };
    }
}
