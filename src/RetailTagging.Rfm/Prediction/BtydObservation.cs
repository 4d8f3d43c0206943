using RetailTagging.Rfm.Calculation;

namespace RetailTagging.Rfm.Prediction;

/// <summary>
/// One customer's input to the BG/NBD and Gamma-Gamma models, in a model time unit.
/// </summary>
/// <param name="Frequency"><c>x</c>: repeat purchases (distinct purchase days after the first).</param>
/// <param name="Recency"><c>t_x</c>: time from the first to the last purchase.</param>
/// <param name="Age"><c>T</c>: time from the first purchase to the end of observation.</param>
/// <param name="MeanRepeatValue"><c>m_x</c>: mean value of the repeat purchases, or null without repeats.</param>
public readonly record struct BtydObservation(int Frequency, double Recency, double Age, double? MeanRepeatValue = null)
{
    /// <summary>
    /// The models' inputs for every customer with a purchase, in <paramref name="unit"/>; customers
    /// without purchases have no first purchase and are left out.
    /// </summary>
    public static IEnumerable<BtydObservation> FromRfm(IEnumerable<CustomerRfm> customers, RfmTimeUnit unit)
    {
        ArgumentNullException.ThrowIfNull(customers);
        foreach (var c in customers)
        {
            if (TryFrom(c, unit, out var observation))
                yield return observation;
        }
    }

    /// <summary>The model input of one customer; false when the customer has no purchase.</summary>
    public static bool TryFrom(CustomerRfm customer, RfmTimeUnit unit, out BtydObservation observation)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.AgeDays is not { } age)
        {
            observation = default;
            return false;
        }
        observation = new BtydObservation(
            customer.RepeatDays,
            unit.FromDays(customer.RepeatSpanDays),
            unit.FromDays(age),
            customer.RepeatAverageSpend is { } m ? (double)m : null);
        return true;
    }

    /// <summary>Null when valid, otherwise why not (negative counts, t_x outside [0, T], repeats at time 0...).</summary>
    internal string? Problem()
    {
        if (Frequency < 0)
            return $"frequency {Frequency} is negative";
        if (!double.IsFinite(Recency) || !double.IsFinite(Age) || Recency < 0 || Age < 0)
            return $"recency {Recency} and age {Age} must be finite and not negative";
        if (Recency > Age)
            return $"recency {Recency} is after the end of observation {Age}";
        if (Frequency > 0 && Recency <= 0)
            return $"{Frequency} repeat purchase(s) need a recency above 0";
        if (MeanRepeatValue is { } m && !double.IsFinite(m))
            return $"mean repeat value {m} is not finite";
        return null;
    }
}
