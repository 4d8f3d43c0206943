namespace RetailTagging.Identity;

/// <summary>How the golden record picks one value among a customer's records.</summary>
public enum SurvivorshipRule
{
    /// <summary>The value of the most recently updated record.</summary>
    MostRecent,
    /// <summary>The value from the most trusted source (e.g. offline beats online).</summary>
    SourcePriority,
    /// <summary>The value most records agree on.</summary>
    MostFrequent,
    /// <summary>The value of the oldest record that has one.</summary>
    FirstNonEmpty,
}

/// <summary>Survivorship rules per attribute. Ties are broken by source priority, then recency, then record id.</summary>
public sealed class SurvivorshipOptions
{
    /// <summary>The rule for attributes without their own rule.</summary>
    public SurvivorshipRule Default { get; set; } = SurvivorshipRule.MostRecent;

    /// <summary>Rules by attribute name (identifier types <c>phone</c> and <c>email</c> name the golden phone and e-mail).</summary>
    public IDictionary<string, SurvivorshipRule> Attributes { get; set; } = new Dictionary<string, SurvivorshipRule>
    {
        [AttributeNames.Name] = SurvivorshipRule.SourcePriority,
        [AttributeNames.BirthDate] = SurvivorshipRule.MostFrequent,
        [AttributeNames.Gender] = SurvivorshipRule.MostFrequent,
        [AttributeNames.RegisteredAt] = SurvivorshipRule.FirstNonEmpty,
    };
}
