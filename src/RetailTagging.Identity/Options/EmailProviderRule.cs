namespace RetailTagging.Identity;

/// <summary>How one e-mail provider treats the local part of its addresses.</summary>
public sealed class EmailProviderRule
{
    /// <summary>The provider's domains, e.g. <c>gmail.com</c> and <c>googlemail.com</c>.</summary>
    public IList<string> Domains { get; set; } = [];

    /// <summary>Dots in the local part are ignored (<c>j.smith</c> = <c>jsmith</c>).</summary>
    public bool IgnoreDots { get; set; }

    /// <summary>A <c>+tag</c> suffix in the local part is ignored (<c>jsmith+shop</c> = <c>jsmith</c>).</summary>
    public bool IgnorePlusTag { get; set; }

    /// <summary>The domain all <see cref="Domains"/> are rewritten to, if any.</summary>
    public string? CanonicalDomain { get; set; }
}
