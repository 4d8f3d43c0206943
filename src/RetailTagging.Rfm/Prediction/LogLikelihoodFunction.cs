namespace RetailTagging.Rfm.Prediction;

/// <summary>
/// A log-likelihood over log-parameters: returns the total log-likelihood at <c>logParameters</c> and writes its
/// gradient with respect to the log-parameters into <c>gradient</c>. Log-parameters keep the search unconstrained.
/// </summary>
internal interface ILogLikelihoodFunction
{
    int Dimension { get; }

    /// <summary>Sum of the customers' weights, used to scale the objective for the optimiser's tolerances.</summary>
    double TotalWeight { get; }

    double Evaluate(ReadOnlySpan<double> logParameters, Span<double> gradient);
}
