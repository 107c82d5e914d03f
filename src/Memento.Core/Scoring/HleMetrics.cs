using System.Numerics;

namespace Memento.Core.Scoring;

/// <summary>One judged HLE prediction: the judge's yes/no and the confidence (0-100) it read from the response.</summary>
public readonly record struct HleJudged(bool Correct, int Confidence);

/// <summary>
/// Humanity's Last Exam's metrics as the official <c>run_judge_results.py</c> (<c>dump_metrics</c>) computes them, with
/// its rounding (Python's <c>round</c>, half to even on the exact binary value):
/// <list type="bullet">
/// <item><see cref="Accuracy"/> = round(100 · correct / n, 2) %, with <see cref="HalfWidth"/> the Wald 95 % half-width
/// round(1.96 · √(accuracy · (100 − accuracy) / n), 2);</item>
/// <item><see cref="CalibrationError"/> — the official RMS calibration error: predictions sorted by confidence, bins of
/// β = 100 consecutive ones with the last bin absorbing the remainder, error = √(Σ (bin size / n) · (mean confidence −
/// accuracy in bin)²) where the official loop (<c>for i in range(len(bins) - 1)</c>) skips the last bin, so it never
/// counts (with 100-199 predictions no bin counts and the error is 0). Reported as 100 · round(error, 2). Fewer than 100
/// predictions make no bin at all, where the official code fails: the error is then not computed
/// (<see cref="NotComputed"/> says why), never a number;</item>
/// <item><see cref="CalibrationErrorAllBins"/> — the same with every bin counted (fewer than β predictions form one
/// bin), the error the binning describes; not the official figure.</item>
/// </list>
/// n is the number of predictions counted (the official script divides accuracy by the dataset's question count, so a
/// missing judgement counts wrong there: pass that as <c>questions</c> to do the same). Bin means are numpy's pairwise
/// sums; ties in confidence keep their input order (numpy's argsort order among ties is unspecified, which only matters
/// when a tie straddles a bin boundary).
/// </summary>
public sealed record HleMetrics(int N, int Correct, double Accuracy, double HalfWidth, double? CalibrationError,
    double? CalibrationErrorAllBins, string? NotComputed)
{
    public const int Beta = 100;

    /// <param name="questions">The official denominator of accuracy: the number of questions; null: the judged count.</param>
    public static HleMetrics Compute(IReadOnlyList<HleJudged> judged, int? questions = null)
    {
        var n = questions ?? judged.Count;
        if (n < judged.Count) throw new ArgumentOutOfRangeException(nameof(questions), questions, "fewer questions than judged predictions");
        var correct = judged.Count(j => j.Correct);
        if (n == 0) return new HleMetrics(0, 0, 0, 0, null, null, "no judged predictions");
        var accuracy = PythonRound(100.0 * correct / n, 2);
        var halfWidth = PythonRound(1.96 * Math.Sqrt(accuracy * (100 - accuracy) / n), 2);
        var sorted = judged.Select((j, i) => (j, i)).OrderBy(x => x.j.Confidence).ThenBy(x => x.i).Select(x => x.j).ToArray();
        var allBins = 100 * PythonRound(CalibrationRms(sorted, countLastBin: true), 2);
        if (judged.Count < Beta)
            return new HleMetrics(n, correct, accuracy, halfWidth, null, allBins,
                $"{judged.Count} judged predictions, fewer than the bin size {Beta}: the official calibration error has no bin (its code fails)");
        return new HleMetrics(n, correct, accuracy, halfWidth, 100 * PythonRound(CalibrationRms(sorted, countLastBin: false), 2), allBins, null);
    }

    /// <summary>The RMS calibration error (a fraction) of predictions sorted by confidence, in bins of <see cref="Beta"/>
    /// with the last absorbing the remainder (one bin when there are fewer than β).</summary>
    internal static double CalibrationRms(IReadOnlyList<HleJudged> sorted, bool countLastBin)
    {
        var total = sorted.Count;
        var bins = Math.Max(1, total / Beta);
        var error = 0.0;
        for (var b = 0; b < (countLastBin ? bins : bins - 1); b++)
        {
            var (start, end) = (b * Beta, b == bins - 1 ? total : (b + 1) * Beta);
            var size = end - start;
            var confidence = new double[size];
            var right = new double[size];
            for (var i = 0; i < size; i++)
            {
                confidence[i] = sorted[start + i].Confidence / 100.0;
                right[i] = sorted[start + i].Correct ? 1 : 0;
            }
            var difference = Math.Abs(NumpySum(confidence) / size - NumpySum(right) / size);
            error += (double)size / total * (difference * difference);
        }
        return Math.Sqrt(error);
    }

    /// <summary>numpy's <c>add.reduce</c> of a contiguous float64 array: pairwise summation with 8 accumulators in blocks
    /// of up to 128, so bin means match the official script's to the last bit.</summary>
    internal static double NumpySum(ReadOnlySpan<double> a)
    {
        if (a.Length < 8)
        {
            var res = 0.0;
            foreach (var x in a) res += x;
            return res;
        }
        if (a.Length <= 128)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            var i = 8;
            for (; i < a.Length - a.Length % 8; i += 8)
                for (var j = 0; j < 8; j++) r[j] += a[i + j];
            var sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < a.Length; i++) sum += a[i];
            return sum;
        }
        var half = a.Length / 2;
        half -= half % 8;
        return NumpySum(a[..half]) + NumpySum(a[half..]);
    }

    /// <summary>Python's <c>round(x, digits)</c>: the exact binary value rounded half to even, then the nearest double.</summary>
    internal static double PythonRound(double x, int digits)
    {
        if (!double.IsFinite(x) || x == 0) return x;
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(x));
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++; else mantissa |= 1L << 52;
        exponent -= 1075;   // |x| = mantissa · 2^exponent
        var scale = BigInteger.Pow(10, digits);
        var numerator = new BigInteger(mantissa) * scale * (exponent > 0 ? BigInteger.Pow(2, exponent) : 1);
        var denominator = exponent < 0 ? BigInteger.Pow(2, -exponent) : BigInteger.One;
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven)) quotient += 1;
        var rounded = (double)quotient / (double)scale;
        return x < 0 ? -rounded : rounded;
    }
}
