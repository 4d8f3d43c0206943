namespace RetailTagging.Rfm.Scoring;

/// <summary>Recency, frequency and monetary scores, 1 (worst) to the number of bins (best).</summary>
/// <param name="R">Recency score: higher means a more recent last purchase.</param>
/// <param name="F">Frequency score: higher means more purchases.</param>
/// <param name="M">Monetary score: higher means more spend.</param>
public readonly record struct RfmScores(int R, int F, int M)
{
    /// <summary>The combined frequency-monetary score, (F + M) / 2 rounded half up; the classic map's column.</summary>
    public int FM => (F + M + 1) / 2;

    /// <summary>The usual three-digit cell code, e.g. <c>"545"</c> (digits joined with '-' when a score exceeds 9).</summary>
    public override string ToString() => R <= 9 && F <= 9 && M <= 9 ? $"{R}{F}{M}" : $"{R}-{F}-{M}";
}
