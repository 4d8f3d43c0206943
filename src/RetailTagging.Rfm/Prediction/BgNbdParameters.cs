namespace RetailTagging.Rfm.Prediction;

/// <summary>
/// BG/NBD parameters: purchase rates are Gamma(<paramref name="R"/>, <paramref name="Alpha"/>) across customers,
/// dropout probabilities after each repeat purchase are Beta(<paramref name="A"/>, <paramref name="B"/>).
/// <paramref name="Alpha"/> is in the <paramref name="TimeUnit"/> the model was fitted in.
/// </summary>
public sealed record BgNbdParameters(double R, double Alpha, double A, double B, RfmTimeUnit TimeUnit = RfmTimeUnit.Days)
{
    /// <summary>Throws <see cref="ArgumentException"/> unless every parameter is finite and positive.</summary>
    public void Validate()
    {
        if (!(double.IsFinite(R) && R > 0 && double.IsFinite(Alpha) && Alpha > 0 && double.IsFinite(A) && A > 0 && double.IsFinite(B) && B > 0))
            throw new ArgumentException($"BG/NBD parameters must be finite and positive: r={R}, alpha={Alpha}, a={A}, b={B}.");
    }
}
