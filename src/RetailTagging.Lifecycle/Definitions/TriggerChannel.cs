namespace RetailTagging.Lifecycle;

/// <summary>A channel a firing can reach the customer through; consent is recorded per channel.</summary>
public enum TriggerChannel : byte
{
    /// <summary>Text message.</summary>
    Sms,
    /// <summary>WeChat (official account or mini-program message).</summary>
    WeChat,
    /// <summary>E-mail.</summary>
    Email,
    /// <summary>App push notification.</summary>
    Push,
    /// <summary>A phone call by staff (e.g. a call-back task).</summary>
    Call,
}
