using System.Diagnostics.CodeAnalysis;

namespace RetailTagging.Rfm.Prediction;

/// <summary>Why a model could not be fitted.</summary>
public enum ModelFitErrorKind
{
    /// <summary>No customer to fit on.</summary>
    NoCustomers,

    /// <summary>Too few customers to estimate heterogeneity (e.g. a population of one).</summary>
    TooFewCustomers,

    /// <summary>No customer made a repeat purchase: the dropout and spend processes are not identifiable.</summary>
    NoRepeatPurchases,

    /// <summary>All customers have the same data: the spread across customers is not identifiable.</summary>
    IdenticalCustomers,

    /// <summary>An input is invalid (negative counts, recency after the end of observation, non-finite values).</summary>
    InvalidData,

    /// <summary>The optimiser found no interior maximum from any start, or a parameter ran to 0 or infinity.</summary>
    DidNotConverge,
}

/// <summary>A model fitting error: a kind to branch on and a message for people.</summary>
public sealed record ModelFitError(ModelFitErrorKind Kind, string Message);

/// <summary>The outcome of a maximum-likelihood fit: parameters, or an explicit error, never NaN.</summary>
/// <typeparam name="TParameters">The parameter record.</typeparam>
public sealed class ModelFit<TParameters>
    where TParameters : class
{
    private ModelFit(TParameters? parameters, ModelFitError? error, double? logLikelihood, int customers,
        IReadOnlyDictionary<string, double>? standardErrors, int evaluations, string? method, string? warning = null)
    {
        Warning = warning;
        Parameters = parameters;
        Error = error;
        LogLikelihood = logLikelihood;
        Customers = customers;
        StandardErrors = standardErrors;
        Evaluations = evaluations;
        Method = method;
    }

    /// <summary>True when <see cref="Parameters"/> holds the estimates.</summary>
    [MemberNotNullWhen(true, nameof(Parameters), nameof(LogLikelihood))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Parameters is not null;

    /// <summary>The maximum-likelihood estimates, or null on error.</summary>
    public TParameters? Parameters { get; }

    /// <summary>Why the fit failed, or null on success.</summary>
    public ModelFitError? Error { get; }

    /// <summary>The maximised log-likelihood (sum over customers), or null on error.</summary>
    public double? LogLikelihood { get; }

    /// <summary>Number of customers the likelihood sums over.</summary>
    public int Customers { get; }

    /// <summary>
    /// Set on success when the likelihood is flat at its maximum (e.g. the same dropout probability for everyone):
    /// predictions are usable, the individual parameters are not, and <see cref="StandardErrors"/> is null.
    /// </summary>
    public string? Warning { get; }

    /// <summary>Asymptotic standard errors by parameter name (from the observed information at the maximum); null with a <see cref="Warning"/>.</summary>
    public IReadOnlyDictionary<string, double>? StandardErrors { get; }

    /// <summary>Likelihood evaluations spent, over all starts.</summary>
    public int Evaluations { get; }

    /// <summary>The optimiser that produced the estimates, e.g. <c>BFGS</c> or <c>Nelder-Mead</c>.</summary>
    public string? Method { get; }

    /// <summary>Returns the parameters or throws <see cref="RfmModelException"/> with the error.</summary>
    public TParameters EnsureSuccess() =>
        Succeeded ? Parameters : throw new RfmModelException(Error);

    internal static ModelFit<TParameters> Success(TParameters parameters, double logLikelihood, int customers,
        IReadOnlyDictionary<string, double>? standardErrors, int evaluations, string method, string? warning) =>
        new(parameters, null, logLikelihood, customers, standardErrors, evaluations, method, warning);

    internal static ModelFit<TParameters> Failure(ModelFitErrorKind kind, string message, int customers, int evaluations = 0) =>
        new(null, new ModelFitError(kind, message), null, customers, null, evaluations, null);
}

/// <summary>Thrown by <see cref="ModelFit{TParameters}.EnsureSuccess"/> when a model could not be fitted.</summary>
public sealed class RfmModelException : Exception
{
    /// <summary>Creates the exception for a fitting error.</summary>
    public RfmModelException(ModelFitError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The fitting error.</summary>
    public ModelFitError Error { get; }
}
