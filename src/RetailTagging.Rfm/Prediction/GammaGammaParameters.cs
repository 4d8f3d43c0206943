namespace RetailTagging.Rfm.Prediction;

/// <summary>
/// Gamma-Gamma spend parameters: each transaction value is Gamma(<paramref name="P"/>, nu), and nu is
/// Gamma(<paramref name="Q"/>, <paramref name="Gamma"/>) across customers.
/// </summary>
public sealed record GammaGammaParameters(double P, double Q, double Gamma)
{
    /// <summary>Throws <see cref="ArgumentException"/> unless every parameter is finite and positive.</summary>
    public void Validate()
    {
        if (!(double.IsFinite(P) && P > 0 && double.IsFinite(Q) && Q > 0 && double.IsFinite(Gamma) && Gamma > 0))
            throw new ArgumentException($"Gamma-Gamma parameters must be finite and positive: p={P}, q={Q}, gamma={Gamma}.");
    }
}
