namespace RetailTagging.Identity;

/// <summary>
/// A deterministic linking rule: records whose normalised values of every field are equal belong
/// to one customer, unless a guard (blocked value, limit, review decision) says otherwise.
/// </summary>
public sealed class MatchRule
{
    /// <summary>The rule's name, shown in merge reasons (e.g. <c>same_phone_and_name</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>
    /// Fields that must all be equal: identifier types (<c>phone</c>) or attribute names (<c>name</c>).
    /// A field may take a prefix (<c>name:1</c>, the first character) or suffix (<c>phone:-4</c>).
    /// </summary>
    public IList<string> Fields { get; set; } = [];

    /// <summary>
    /// Lower numbers are stronger. When links conflict (a limit would break), stronger rules link
    /// first and the weaker link yields and goes to review.
    /// </summary>
    public int Priority { get; set; }
}
