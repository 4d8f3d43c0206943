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
    /// Attributes that must not conflict: the rule does not join two customers that both have values
    /// of such a field unless some value of one equals, or is a prefix of, some value of the other
    /// ("王" from "王先生" is compatible with "王伟"; "李娜" is not). This is what lets a rule link by
    /// phone without merging the family members who share it.
    /// </summary>
    public IList<string> UnlessConflicting { get; set; } = [];

    /// <summary>
    /// Lower numbers are stronger. When links conflict (a limit would break), stronger rules link
    /// first and the weaker link yields and goes to review.
    /// </summary>
    public int Priority { get; set; }
}
