using Memento.Core.Scoring;
using NUnit.Framework;

namespace Memento.Tests.Scoring;

/// <summary>Expected values below were produced by running the official GAIA <c>scorer.py</c> and Python 3.11's
/// <c>float()</c> on the same inputs.</summary>
public class GaiaScorerTests
{
    [TestCase("$1,000", "1000", true)]
    [TestCase("1000", "$1,000", false)]
    [TestCase("1.0", "1", true)]
    [TestCase("1", "1.0", true)]
    [TestCase("1e3", "1000", true)]
    [TestCase("1_000", "1000", true)]
    [TestCase("1 000", "1000", false)]
    [TestCase("50%", "50", true)]
    [TestCase("0.5", "50", false)]
    [TestCase("17", "17.0000", true)]
    [TestCase("-0", "0", true)]
    [TestCase("+3", "3", true)]
    [TestCase("3.", "3", true)]
    [TestCase(".5", "0.5", true)]
    [TestCase("0.50", ".5", true)]
    [TestCase("nan", "nan", false)]
    [TestCase("NaN", "nan", false)]
    [TestCase("inf", "inf", true)]
    [TestCase("banana", "inf", true)]
    [TestCase("banana", "Infinity", true)]
    [TestCase("-inf", "-inf", true)]
    [TestCase("banana", "-inf", false)]
    [TestCase("\u0661\u0662\u0663", "123", true)]
    [TestCase("\uff11\uff12", "12", true)]
    [TestCase("\ud835\udfcf\ud835\udfd0", "12", true)]
    [TestCase("\u00a012\u3000", "12", true)]
    [TestCase("\u001c12", "12", false)]
    [TestCase("12\u001f", "12", false)]
    [TestCase("12", "\u001c12", true)]
    [TestCase("twelve", "12", false)]
    [TestCase("12 apples", "12", false)]
    [TestCase("$12.00", "12", true)]
    [TestCase("1,2", "12", true)]
    [TestCase("12", "1,2", false)]
    [TestCase("1,2", "1,2", true)]
    [TestCase("1;2", "1,2", true)]
    [TestCase("1, 2", "1,2", true)]
    [TestCase("1,2,3", "1,2", false)]
    [TestCase("1,2", "1,2,3", false)]
    [TestCase("a, b", "a,b", true)]
    [TestCase("A,B", "a,b", true)]
    [TestCase("a.,b", "a,b", false)]
    [TestCase("a , b!", "a,b!", true)]
    [TestCase("sea gull", "seagull", true)]
    [TestCase("Sea-Gull", "seagull", true)]
    [TestCase("Paris.", "paris", true)]
    [TestCase("Paris", "Paris, France", false)]
    [TestCase("  PARIS  ", "paris", true)]
    [TestCase("St. Louis", "saint louis", false)]
    [TestCase("St Louis", "St. Louis", true)]
    [TestCase(null, "None", true)]
    [TestCase(null, "none", true)]
    [TestCase(null, "0", false)]
    [TestCase("None", "none", true)]
    [TestCase("$1,000", "1,000", true)]
    [TestCase("1000", "1,000", false)]
    [TestCase("1,000", "1,000", true)]
    [TestCase("1;000", "1,000", true)]
    [TestCase("$1, $2", "1, 2", true)]
    [TestCase("1%, 2%", "1;2", true)]
    [TestCase("x,", "x,", true)]
    [TestCase("x", "x,", false)]
    [TestCase(",", ",", true)]
    [TestCase("", ",", false)]
    [TestCase(";;", ",,", true)]
    [TestCase("", "", true)]
    [TestCase(" ", "", true)]
    [TestCase("", "a", false)]
    [TestCase("1_0", "1_0", true)]
    [TestCase("10", "1_0", true)]
    [TestCase("1__0", "1__0", true)]
    [TestCase("10", "1__0", true)]
    [TestCase("\u0130", "i\u0307", true)]
    [TestCase("\u039f\u0394\u039f\u03a3", "\u03bf\u03b4\u03bf\u03c2", true)]
    [TestCase("\u039f\u0394\u039f\u03a3", "\u03bf\u03b4\u03bf\u03c3", false)]
    [TestCase("Stra\u00dfe", "strasse", false)]
    [TestCase("caf\u00e9", "CAF\u00c9", true)]
    [TestCase("a\u2003b", "ab", true)]
    [TestCase("a\u001cb", "ab", true)]
    [TestCase("a\u200bb", "ab", false)]
    [TestCase("3.14159", "3.14159", true)]
    [TestCase("3.1416", "3.14159", false)]
    [TestCase("1e-3", "0.001", true)]
    [TestCase("1E+2", "100", true)]
    [TestCase("0x10", "16", false)]
    [TestCase("Infinity", "inf", true)]
    [TestCase("\u221e", "inf", true)]
    [TestCase("1,000,000", "1000000", true)]
    [TestCase("100%", "1", false)]
    [TestCase("-5", "\u22125", false)]
    [TestCase("5", "5 ", true)]
    [TestCase("five, six", "five;six", true)]
    [TestCase("b, a", "a, b", false)]
    [TestCase("2, apple", "2.0, Apple", true)]
    [TestCase("2.0, apple!", "2, apple", false)]
    [TestCase("$2, apple", "2, apple", true)]
    [TestCase("nan, a", "nan, a", false)]
    [TestCase("inf, a", "zzz, a", false)]
    [TestCase("zzz, a", "inf, a", true)]
    public void Question_scorer_agrees_with_the_official_python_scorer(string? answer, string groundTruth, bool expected) =>
        Assert.That(GaiaScorer.IsCorrect(answer, groundTruth), Is.EqualTo(expected));

    [TestCase("\u001c1", false, 0d)]
    [TestCase("1\u001f", false, 0d)]
    [TestCase("\u0085 1", true, 1.0d)]
    [TestCase("\u00a01\u3000", true, 1.0d)]
    [TestCase("\u20281", true, 1.0d)]
    [TestCase("1_000", true, 1000.0d)]
    [TestCase("1__0", false, 0d)]
    [TestCase("_1", false, 0d)]
    [TestCase("1_", false, 0d)]
    [TestCase("1_.5", false, 0d)]
    [TestCase("1._5", false, 0d)]
    [TestCase("1e1_0", true, 10000000000.0d)]
    [TestCase("1e_1", false, 0d)]
    [TestCase("\u0661\u0662\u0663", true, 123.0d)]
    [TestCase("\uff11\uff12", true, 12.0d)]
    [TestCase("\ud835\udfcf\ud835\udfd0", true, 12.0d)]
    [TestCase("1.", true, 1.0d)]
    [TestCase(".5", true, 0.5d)]
    [TestCase(".", false, 0d)]
    [TestCase("-.5e-3", true, -0.0005d)]
    [TestCase("INF", true, double.PositiveInfinity)]
    [TestCase("-Infinity", true, double.NegativeInfinity)]
    [TestCase("nAn", true, double.NaN)]
    [TestCase("+nan", true, double.NaN)]
    [TestCase("infinit", false, 0d)]
    [TestCase("1 0", false, 0d)]
    [TestCase("0x10", false, 0d)]
    [TestCase("1e", false, 0d)]
    [TestCase("\t1\n", true, 1.0d)]
    [TestCase("1\u000b", true, 1.0d)]
    [TestCase("1\f", true, 1.0d)]
    [TestCase("\u180e1", false, 0d)]
    [TestCase("\u200b1", false, 0d)]
    [TestCase("1E+2", true, 100.0d)]
    [TestCase("1e+2_0", true, 1e+20d)]
    [TestCase("\u066b5", false, 0d)]
    [TestCase("1\u00b2", false, 0d)]
    [TestCase("\u00b2", false, 0d)]
    [TestCase("\u216b", false, 0d)]
    [TestCase("1.5_0", true, 1.5d)]
    [TestCase("1_0.0_1e1_0", true, 100100000000.0d)]
    [TestCase("+-1", false, 0d)]
    [TestCase("--1", false, 0d)]
    [TestCase("", false, 0d)]
    [TestCase(" ", false, 0d)]
    [TestCase("nan(1)", false, 0d)]
    [TestCase("1d", false, 0d)]
    [TestCase("iNfInItY", true, double.PositiveInfinity)]
    [TestCase("+_1", false, 0d)]
    [TestCase("1\u0000", false, 0d)]
    [TestCase("1,000", false, 0d)]
    [TestCase("$1", false, 0d)]
    [TestCase("1e400", true, double.PositiveInfinity)]
    [TestCase("-1e400", true, double.NegativeInfinity)]
    [TestCase("1e-400", true, 0.0d)]
    [TestCase("0.1", true, 0.1d)]
    [TestCase("-0", true, -0.0d)]
    [TestCase("00012", true, 12.0d)]
    [TestCase("1.7976931348623157e308", true, 1.7976931348623157e+308d)]
    [TestCase("4.9e-324", true, 5e-324d)]
    [TestCase("123456789012345678901234567890", true, 1.2345678901234568e+29d)]
    [TestCase("0.30000000000000004", true, 0.30000000000000004d)]
    [TestCase("in_f", false, 0d)]
    [TestCase("1_e1", false, 0d)]
    [TestCase("1e1.5", false, 0d)]
    [TestCase("+.5", true, 0.5d)]
    [TestCase("-.", false, 0d)]
    [TestCase("e5", false, 0d)]
    [TestCase("1e+", false, 0d)]
    [TestCase("\u0661.\u0665", true, 1.5d)]
    [TestCase("\u0966\u0967", true, 1.0d)]
    [TestCase("1\u0301", false, 0d)]
    [TestCase("Nan", true, double.NaN)]
    [TestCase("nan ", true, double.NaN)]
    [TestCase(" -inf ", true, double.NegativeInfinity)]
    [TestCase("infinityy", false, 0d)]
    [TestCase("\u221e", false, 0d)]
    [TestCase("NaN\u00a0", true, double.NaN)]
    public void Python_float_grammar(string text, bool parses, double expected)
    {
        Assert.That(PythonFloat.TryParse(text, out var value), Is.EqualTo(parses));
        if (!parses) return;
        if (double.IsNaN(expected)) Assert.That(double.IsNaN(value), Is.True);
        else Assert.That(BitConverter.DoubleToInt64Bits(value), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)), $"got {value:R}, want {expected:R}");
    }

    [Test]
    public void Null_text_does_not_parse() => Assert.That(PythonFloat.TryParse(null, out _), Is.False);

    [Test]
    public void Unparseable_answers_normalise_to_positive_infinity()
    {
        Assert.That(GaiaScorer.NormalizeNumber("about 5"), Is.EqualTo(double.PositiveInfinity));
        Assert.That(GaiaScorer.NormalizeNumber("$1,234.5%"), Is.EqualTo(1234.5));
        Assert.That(GaiaScorer.NormalizeNumber(" -7 "), Is.EqualTo(-7.0));
    }

    [Test]
    public void Whitespace_set_is_pythons_backslash_s()
    {
        int[] python = [0x9, 0xA, 0xB, 0xC, 0xD, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
            0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000];
        var ours = Enumerable.Range(0, 0x110000).Where(PythonFloat.IsPythonSpace).ToArray();
        Assert.That(ours, Is.EqualTo(python));
    }

    [TestCase("Sea Gull!", true, "seagull")]
    [TestCase("Sea Gull!", false, "seagull!")]
    [TestCase("A\u001cB\u3000C", true, "abc")]
    [TestCase("\u0130stanbul", true, "i\u0307stanbul")]
    [TestCase("\u039f\u0394\u039f\u03a3", true, "\u03bf\u03b4\u03bf\u03c2")]
    [TestCase("\u03a3\u0391", true, "\u03c3\u03b1")]
    [TestCase("(a)[b]{c}-d_e", true, "abcde")]
    [TestCase("Müller–Lüdenscheidt", true, "müller–lüdenscheidt")]
    public void Normalize_str(string input, bool removePunctuation, string expected) =>
        Assert.That(GaiaScorer.NormalizeString(input, removePunctuation), Is.EqualTo(expected));

    [Test]
    public void Lone_surrogates_are_kept_not_replaced()
    {
        Assert.That(GaiaScorer.NormalizeString("A\uD800B"), Is.EqualTo("a\uD800b"));
        Assert.That(GaiaScorer.IsCorrect("x\uD800", "x\uDC00"), Is.False);
        Assert.That(GaiaScorer.IsCorrect("X \uD800", "x\uD800"), Is.True);
        Assert.That(PythonFloat.TryParse("1\uD800", out _), Is.False);
    }

    [Test]
    public void Split_keeps_empty_pieces_like_re_split() =>
        Assert.That(GaiaScorer.SplitList("a,;b,"), Is.EqualTo(new[] { "a", "", "b", "" }));
}
