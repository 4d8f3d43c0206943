using System.Collections.Frozen;

namespace RetailTagging.Language.Syntax;

/// <summary>The reserved words of expressions and the words that start catalog declarations.</summary>
internal static class Keywords
{
    public static readonly FrozenDictionary<string, TagToken> Expression = new Dictionary<string, TagToken>
    {
        ["and"] = TagToken.And,
        ["or"] = TagToken.Or,
        ["not"] = TagToken.Not,
        ["in"] = TagToken.In,
        ["is"] = TagToken.Is,
        ["null"] = TagToken.Null,
        ["true"] = TagToken.True,
        ["false"] = TagToken.False,
        ["between"] = TagToken.Between,
        ["case"] = TagToken.Case,
        ["when"] = TagToken.When,
        ["then"] = TagToken.Then,
        ["else"] = TagToken.Else,
        ["end"] = TagToken.End,
        ["where"] = TagToken.Where,
        ["within"] = TagToken.Within,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Words that start a declaration when they are the first token on a line.</summary>
    public static readonly FrozenSet<string> Declarations =
        new[] { "tag", "segment", "dimension", "attribute", "event", "property", "score", "timezone", "trigger" }.ToFrozenSet(StringComparer.Ordinal);
}
