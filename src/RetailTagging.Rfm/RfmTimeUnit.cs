namespace RetailTagging.Rfm;

/// <summary>The time unit of the predictive models: it scales <c>t_x</c>, <c>T</c>, horizons and the rate parameters.</summary>
public enum RfmTimeUnit
{
    /// <summary>Calendar days.</summary>
    Days,

    /// <summary>Weeks of seven calendar days (the unit of the published CDNOW protocol).</summary>
    Weeks,
}

/// <summary>Conversions for <see cref="RfmTimeUnit"/>.</summary>
public static class RfmTimeUnitExtensions
{
    /// <summary>Number of days in one unit.</summary>
    public static double DaysPerUnit(this RfmTimeUnit unit) => unit switch
    {
        RfmTimeUnit.Days => 1.0,
        RfmTimeUnit.Weeks => 7.0,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit."),
    };

    /// <summary>Converts a number of days to this unit.</summary>
    public static double FromDays(this RfmTimeUnit unit, double days) => days / unit.DaysPerUnit();
}
