using MathNet.Numerics;

namespace RetailTagging.Rfm.Prediction;

/// <summary>
/// The Gamma-Gamma log-likelihood and its analytic gradient over (ln p, ln q, ln gamma). The gamma-function terms
/// depend on x only and are computed once per distinct x per evaluation.
/// </summary>
internal sealed class GammaGammaLikelihood : ILogLikelihoodFunction
{
    private readonly int[] _distinctX;
    private readonly int[] _xIndex;
    private readonly double[] _x, _lnX, _m, _lnM, _weight;
    private readonly double[] _gammaTerms, _psiPxq, _psiPx;

    public GammaGammaLikelihood(IReadOnlyList<(int Transactions, double MeanValue, double Weight)> customers)
    {
        _distinctX = customers.Select(c => c.Transactions).Distinct().Order().ToArray();
        var position = _distinctX.Select((x, i) => (x, i)).ToDictionary(p => p.x, p => p.i);
        _xIndex = customers.Select(c => position[c.Transactions]).ToArray();
        _x = customers.Select(c => (double)c.Transactions).ToArray();
        _lnX = _x.Select(v => Math.Log(v)).ToArray();
        _m = customers.Select(c => c.MeanValue).ToArray();
        _lnM = _m.Select(v => Math.Log(v)).ToArray();
        _weight = customers.Select(c => c.Weight).ToArray();
        TotalWeight = _weight.Sum();
        (_gammaTerms, _psiPxq, _psiPx) = (new double[_distinctX.Length], new double[_distinctX.Length], new double[_distinctX.Length]);
    }

    public int Dimension => 3;

    public double TotalWeight { get; }

    public double Evaluate(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double p = Math.Exp(logParameters[0]), q = Math.Exp(logParameters[1]), g = Math.Exp(logParameters[2]);
        double lnG = Math.Log(g), lgQ = SpecialFunctions.GammaLn(q), psiQ = SpecialFunctions.DiGamma(q);
        for (var k = 0; k < _distinctX.Length; k++)
        {
            var px = p * _distinctX[k];
            _gammaTerms[k] = SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - lgQ;
            _psiPxq[k] = SpecialFunctions.DiGamma(px + q);
            _psiPx[k] = SpecialFunctions.DiGamma(px);
        }
        double ll = 0, gp = 0, gq = 0, gg = 0;
        for (var i = 0; i < _x.Length; i++)
        {
            var k = _xIndex[i];
            double x = _x[i], px = p * x, w = _weight[i];
            var lnDen = Math.Log(g + _m[i] * x);
            ll += w * (_gammaTerms[k] + q * lnG + (px - 1) * _lnM[i] + px * _lnX[i] - (px + q) * lnDen);
            gp += w * x * (_psiPxq[k] - _psiPx[k] + _lnM[i] + _lnX[i] - lnDen);
            gq += w * (_psiPxq[k] - psiQ + lnG - lnDen);
            gg += w * (q / g - (px + q) / (g + _m[i] * x));
        }
        gradient[0] = gp * p;
        gradient[1] = gq * q;
        gradient[2] = gg * g;
        return ll;
    }
}
