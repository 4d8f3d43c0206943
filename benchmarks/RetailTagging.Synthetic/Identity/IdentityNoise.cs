namespace RetailTagging.Synthetic.Identity;

/// <summary>How messy the generated identity records are. The defaults are the documented benchmark setting.</summary>
public sealed record IdentityNoise
{
    /// <summary>Probability that a record's name has a one-character typo.</summary>
    public double NameTypo { get; init; } = 0.03;

    /// <summary>Probability that a POS or service-desk record has only surname + honorific (王先生).</summary>
    public double HonorificName { get; init; } = 0.08;

    /// <summary>Probability that a service-desk or POS record carries a household member's phone.</summary>
    public double FamilyPhone { get; init; } = 0.05;

    /// <summary>Probability that a typed-in (service-desk) phone has a one-digit typo.</summary>
    public double PhoneTypo { get; init; } = 0.05;

    /// <summary>Probability that a phone or e-mail value is a junk placeholder.</summary>
    public double Junk { get; init; } = 0.02;

    /// <summary>Probability that a person changed numbers and an online record keeps the old one.</summary>
    public double OldPhone { get; init; } = 0.10;

    /// <summary>Probability that a person has a second online-shop account.</summary>
    public double DuplicateAccount { get; init; } = 0.05;

    /// <summary>A noisier setting (about twice the default rates) for stress tests.</summary>
    public static IdentityNoise Harsh { get; } = new()
    {
        NameTypo = 0.06,
        HonorificName = 0.15,
        FamilyPhone = 0.12,
        PhoneTypo = 0.10,
        Junk = 0.04,
        OldPhone = 0.20,
        DuplicateAccount = 0.10,
        BirthDateTypo = 0.06,
    };

    /// <summary>Probability that a birth date has a typo (day/month swapped or day off by one).</summary>
    public double BirthDateTypo { get; init; } = 0.03;
}
