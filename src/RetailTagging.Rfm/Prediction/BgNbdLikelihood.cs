using MathNet.Numerics;

namespace RetailTagging.Rfm.Prediction;

/// <summary>
/// The BG/NBD log-likelihood and its analytic gradient over (ln r, ln alpha, ln a, ln b), on customers grouped by
/// identical (x, t_x, T) with a weight each. Terms that depend only on x are computed once per distinct x.
/// </summary>
internal sealed class BgNbdLikelihood : ILogLikelihoodFunction
{
    private readonly int[] _xIndex;
    private readonly double[] _x;
    private readonly double[] _recency;
    private readonly double[] _age;
    private readonly double[] _weight;
    private readonly int[] _distinctX;
    private readonly double[] _lg, _dr, _da, _db, _lnRatio, _invBx;

    public BgNbdLikelihood(IReadOnlyList<(BtydObservation Customer, double Weight)> groups)
    {
        _distinctX = groups.Select(g => g.Customer.Frequency).Distinct().Order().ToArray();
        var position = _distinctX.Select((x, i) => (x, i)).ToDictionary(p => p.x, p => p.i);
        _xIndex = groups.Select(g => position[g.Customer.Frequency]).ToArray();
        _x = groups.Select(g => (double)g.Customer.Frequency).ToArray();
        _recency = groups.Select(g => g.Customer.Recency).ToArray();
        _age = groups.Select(g => g.Customer.Age).ToArray();
        _weight = groups.Select(g => g.Weight).ToArray();
        TotalWeight = _weight.Sum();
        var k = _distinctX.Length;
        (_lg, _dr, _da, _db, _lnRatio, _invBx) = (new double[k], new double[k], new double[k], new double[k], new double[k], new double[k]);
    }

    public int Dimension => 4;

    public double TotalWeight { get; }

    public double Evaluate(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double r = Math.Exp(logParameters[0]), alpha = Math.Exp(logParameters[1]);
        double a = Math.Exp(logParameters[2]), b = Math.Exp(logParameters[3]);
        double lnAlpha = Math.Log(alpha), lnA = Math.Log(a);
        double lgR = SpecialFunctions.GammaLn(r), lgB = SpecialFunctions.GammaLn(b), lgAb = SpecialFunctions.GammaLn(a + b);
        double psiR = SpecialFunctions.DiGamma(r), psiB = SpecialFunctions.DiGamma(b), psiAb = SpecialFunctions.DiGamma(a + b);
        for (var i = 0; i < _distinctX.Length; i++)
        {
            double x = _distinctX[i];
            var psiAbx = SpecialFunctions.DiGamma(a + b + x);
            _lg[i] = SpecialFunctions.GammaLn(r + x) - lgR + lgAb + SpecialFunctions.GammaLn(b + x) - lgB - SpecialFunctions.GammaLn(a + b + x);
            _dr[i] = SpecialFunctions.DiGamma(r + x) - psiR;
            _da[i] = psiAb - psiAbx;
            _db[i] = SpecialFunctions.DiGamma(b + x) - psiB + psiAb - psiAbx;
            _lnRatio[i] = x > 0 ? lnA - Math.Log(b + x - 1) : 0;
            _invBx[i] = x > 0 ? 1 / (b + x - 1) : 0;
        }

        double ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
        for (var j = 0; j < _x.Length; j++)
        {
            var i = _xIndex[j];
            var x = _x[j];
            var w = _weight[j];
            var lnAgeTerm = Math.Log(alpha + _age[j]);
            var u1 = -(r + x) * lnAgeTerm;
            double lse, w1, w2, lnRecencyTerm = 0;
            if (x > 0)
            {
                lnRecencyTerm = Math.Log(alpha + _recency[j]);
                var u2 = _lnRatio[i] - (r + x) * lnRecencyTerm;
                lse = BgNbdModel.LogSumExp(u1, u2);
                w1 = Math.Exp(u1 - lse);
                w2 = Math.Exp(u2 - lse);
            }
            else
            {
                (lse, w1, w2) = (u1, 1.0, 0.0);
            }
            ll += w * (_lg[i] + r * lnAlpha + lse);
            gr += w * (_dr[i] + lnAlpha - w1 * lnAgeTerm - w2 * lnRecencyTerm);
            gAlpha += w * (r / alpha - (r + x) * (w1 / (alpha + _age[j]) + (x > 0 ? w2 / (alpha + _recency[j]) : 0)));
            ga += w * (_da[i] + w2 / a);
            gb += w * (_db[i] - w2 * _invBx[i]);
        }
        // Chain rule to log-parameters: d/d(ln theta) = theta d/d(theta).
        gradient[0] = gr * r;
        gradient[1] = gAlpha * alpha;
        gradient[2] = ga * a;
        gradient[3] = gb * b;
        return ll;
    }
}
