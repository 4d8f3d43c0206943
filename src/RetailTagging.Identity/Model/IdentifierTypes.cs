namespace RetailTagging.Identity;

/// <summary>
/// The built-in identifier type names. Type names are lower-case; a host may use any other
/// name for its own types (see <see cref="IdentityResolutionOptions.CustomIdentifierTypes"/>).
/// </summary>
public static class IdentifierTypes
{
    /// <summary>A phone number, normalised to E.164 (e.g. <c>+8613812345678</c>).</summary>
    public const string Phone = "phone";
    /// <summary>An e-mail address, trimmed and lower-cased, with provider rules applied.</summary>
    public const string Email = "email";
    /// <summary>A loyalty-programme member id.</summary>
    public const string MemberId = "member_id";
    /// <summary>A point-of-sale card number.</summary>
    public const string PosCard = "pos_card";
    /// <summary>A device id (IDFA, GAID, browser id...), compared case-insensitively.</summary>
    public const string DeviceId = "device_id";
    /// <summary>A WeChat openid (one per app); case-sensitive.</summary>
    public const string WeChatOpenId = "wechat_openid";
    /// <summary>A WeChat unionid (one per person across a company's apps); case-sensitive.</summary>
    public const string WeChatUnionId = "wechat_unionid";

    /// <summary>All built-in types.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
        [Phone, Email, MemberId, PosCard, DeviceId, WeChatOpenId, WeChatUnionId];
}
