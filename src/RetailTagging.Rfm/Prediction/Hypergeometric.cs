namespace RetailTagging.Rfm.Prediction;

/// <summary>
/// The Gauss hypergeometric function 2F1(a, b; c; z) for 0 &lt;= z &lt; 1 by its power series
/// sum_n (a)_n (b)_n / ((c)_n n!) z^n. MathNet.Numerics has no 2F1, and the BG/NBD only needs real z in [0, 1).
/// </summary>
internal static class Hypergeometric
{
    /// <summary>Most terms summed before giving up (z very close to 1).</summary>
    public const int MaxTerms = 2_000_000;

    /// <summary>Relative size of the remaining tail at which the sum stops.</summary>
    public const double RelativeTolerance = 1e-15;

    /// <summary>
    /// Evaluates 2F1(a, b; c; z). Returns false (value NaN) when z is outside [0, 1), c is a non-positive
    /// integer, or the series did not converge within <see cref="MaxTerms"/> terms.
    /// </summary>
    /// <remarks>
    /// Convergence check: the term ratio is z f(n) with f(n) = (n+a)(n+b)/((n+c)(n+1)) = 1 + g(n),
    /// g(n) = (alpha n + beta)/((n+c)(n+1)), alpha = a+b-c-1, beta = ab-c. Once n &gt; max(-a, -b, -c, 0) every
    /// factor is positive and, for every m &gt;= n, |g(m)| &lt;= (|alpha| + |beta|/n)/(n+c). So every later ratio is
    /// at most q = z (1 + (|alpha| + |beta|/n)/(n+c)), and when q &lt; 1 the tail after the current term is at
    /// most |term| q/(1-q): the sum stops when that bound is below <see cref="RelativeTolerance"/> of the sum.
    /// </remarks>
    public static bool TryGauss2F1(double a, double b, double c, double z, out double value)
    {
        value = double.NaN;
        if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c) || !(z >= 0 && z < 1))
            return false;
        if (c <= 0 && c == Math.Floor(c))
            return false;
        if (z == 0 || a == 0 || b == 0)
        {
            value = 1;
            return true;
        }

        var alpha = Math.Abs(a + b - c - 1);
        var beta = Math.Abs(a * b - c);
        var positiveFrom = Math.Max(Math.Max(-a, -b), Math.Max(-c, 0));
        double term = 1, sum = 1, compensation = 0;
        for (var n = 0; n < MaxTerms; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            // Kahan summation: long sums near z = 1 otherwise lose digits.
            var y = term - compensation;
            var t = sum + y;
            compensation = t - sum - y;
            sum = t;
            if (term == 0)
            {
                value = sum; // a or b is a non-positive integer: the series is a polynomial.
                return true;
            }
            var m = n + 1.0;
            if (m > positiveFrom)
            {
                var q = z * (1 + (alpha + beta / m) / (m + c));
                if (q < 1 && Math.Abs(term) * q / (1 - q) <= RelativeTolerance * Math.Abs(sum))
                {
                    value = sum;
                    return double.IsFinite(sum);
                }
            }
            if (!double.IsFinite(sum))
                return false;
        }
        return false;
    }
}
