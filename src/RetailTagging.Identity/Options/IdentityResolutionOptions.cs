namespace RetailTagging.Identity;

/// <summary>
/// Everything identity resolution can be told: linking rules, guards against over-merging,
/// fuzzy matching and survivorship. Plain settable properties, so the same shape binds from
/// JSON (the CLI's <c>--config</c> file) or from code.
/// </summary>
public sealed class IdentityResolutionOptions
{
    /// <summary>Region (ISO 3166) for phone numbers written without a country code.</summary>
    public string PhoneRegion { get; set; } = "CN";

    /// <summary>Deterministic linking rules. Setting the list replaces the defaults.</summary>
    public IList<MatchRule> Rules { get; set; } =
    [
        new() { Name = "same_member_id", Fields = [IdentifierTypes.MemberId], Priority = 10 },
        new() { Name = "same_wechat_unionid", Fields = [IdentifierTypes.WeChatUnionId], Priority = 20 },
        new() { Name = "same_wechat_openid", Fields = [IdentifierTypes.WeChatOpenId], Priority = 30 },
        new() { Name = "same_pos_card", Fields = [IdentifierTypes.PosCard], Priority = 40 },
        new() { Name = "same_phone_and_name", Fields = [IdentifierTypes.Phone, AttributeNames.Name], Priority = 50 },
        new() { Name = "same_email", Fields = [IdentifierTypes.Email], UnlessConflicting = [AttributeNames.Name, AttributeNames.Gender], Priority = 60 },
        new() { Name = "same_phone", Fields = [IdentifierTypes.Phone], UnlessConflicting = [AttributeNames.Name, AttributeNames.Gender, AttributeNames.BirthDate], Priority = 70 },
    ];

    /// <summary>
    /// The most distinct values of a type one customer may have. A link that would exceed a limit
    /// is not made and goes to review.
    /// </summary>
    public IDictionary<string, int> IdentifierLimits { get; set; } = new Dictionary<string, int>
    {
        [IdentifierTypes.MemberId] = 1,
        [IdentifierTypes.WeChatUnionId] = 1,
        [IdentifierTypes.Phone] = 5,
        [IdentifierTypes.Email] = 5,
        [IdentifierTypes.PosCard] = 5,
        [IdentifierTypes.DeviceId] = 10,
    };

    /// <summary>Whether <see cref="BlockedValue.Defaults"/> apply in addition to <see cref="BlockedValues"/>.</summary>
    public bool UseDefaultBlockedValues { get; set; } = true;

    /// <summary>Values and patterns that never link records.</summary>
    public IList<BlockedValue> BlockedValues { get; set; } = [];

    /// <summary>
    /// A value shared by more records than this (one rule key) links none of them: it is junk
    /// nobody blocked yet. 0 turns the guard off.
    /// </summary>
    public int MaxRecordsPerValue { get; set; } = 100;

    /// <summary>Trust per source for <see cref="SurvivorshipRule.SourcePriority"/>; higher wins, unknown sources are 0.</summary>
    public IDictionary<string, int> SourcePriorities { get; set; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Fuzzy candidate scoring.</summary>
    public FuzzyMatchingOptions Fuzzy { get; set; } = new();

    /// <summary>Golden-record survivorship.</summary>
    public SurvivorshipOptions Survivorship { get; set; } = new();

    /// <summary>E-mail provider rules. Setting the list replaces the defaults (Gmail).</summary>
    public IList<EmailProviderRule> EmailProviders { get; set; } =
    [
        new() { Domains = ["gmail.com", "googlemail.com"], IgnoreDots = true, IgnorePlusTag = true, CanonicalDomain = "gmail.com" },
    ];

    /// <summary>Host-defined identifier types by name (built-in types may be overridden too).</summary>
    public IDictionary<string, IdentifierTypeOptions> CustomIdentifierTypes { get; set; } = new Dictionary<string, IdentifierTypeOptions>();

    /// <summary>
    /// Customer ids are this prefix followed by the id of the customer's oldest record, so an id
    /// issued before a merge or unmerge still finds its customer.
    /// </summary>
    public string CustomerIdPrefix { get; set; } = "cust:";
}
