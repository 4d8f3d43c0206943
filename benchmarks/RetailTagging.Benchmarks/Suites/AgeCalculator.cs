using System.Linq.Dynamic.Core.CustomTypeProviders;

namespace RetailTagging.Benchmarks.Suites;

/// <summary>
/// Completed years at a date, for the baselines: the hand-written lambda, Dynamic LINQ and
/// RulesEngine all compute the age from the birth date as our <c>customer.age</c> does, so no
/// contender gets a precomputed age.
/// </summary>
[DynamicLinqType]
public static class AgeCalculator
{
    /// <summary>Completed years at <paramref name="asOf"/>'s UTC date; -1 when unknown or in the future.</summary>
    public static int Years(DateOnly? birthDate, DateTimeOffset asOf)
    {
        if (birthDate is not { } birth) return -1;
        var today = DateOnly.FromDateTime(asOf.UtcDateTime);
        if (birth > today) return -1;
        var years = today.Year - birth.Year;
        var birthday = birth is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(today.Year) ? new DateOnly(today.Year, 2, 28) : new DateOnly(today.Year, birth.Month, birth.Day);
        return today < birthday ? years - 1 : years;
    }
}
