using System.Globalization;
using System.Text;

namespace Memento.Core.Scoring;

/// <summary>
/// GAIA's official quasi-exact-match scorer (<c>question_scorer</c> in the leaderboard's <c>scorer.py</c>), with
/// Python's semantics (docs/design.md §5). The branch is chosen by the ground truth:
/// <list type="bullet">
/// <item>number (Python <c>float()</c> accepts it): strip <c>$ % ,</c> from the answer, parse it like <c>float()</c>
/// (unparseable → +inf) and compare exactly (so NaN never matches, and an unparseable answer matches "inf");</item>
/// <item>list (ground truth contains <c>,</c> or <c>;</c>): split both on <c>[,;]</c>, lengths must match, compare
/// element-wise — numbers as above, strings normalised <em>without</em> removing punctuation;</item>
/// <item>string: remove all whitespace (<c>\s</c>), lower-case, remove ASCII punctuation, compare.</item>
/// </list>
/// A missing (null) answer is scored as the string "None", as the leaderboard's copy does.
/// </summary>
internal static class GaiaScorer
{
    /// <summary>Python's <c>string.punctuation</c>.</summary>
    public const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    public static bool IsCorrect(string? modelAnswer, string groundTruth)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        modelAnswer ??= "None";

        if (PythonFloat.TryParse(groundTruth, out var gtNumber))
            return NormalizeNumber(modelAnswer) == gtNumber;

        if (groundTruth.Contains(',') || groundTruth.Contains(';'))
        {
            var gtElems = SplitList(groundTruth);
            var maElems = SplitList(modelAnswer);
            if (gtElems.Length != maElems.Length) return false;
            for (var i = 0; i < gtElems.Length; i++)
            {
                var equal = PythonFloat.TryParse(gtElems[i], out var gtElem)
                    ? NormalizeNumber(maElems[i]) == gtElem
                    : NormalizeString(maElems[i], removePunctuation: false) == NormalizeString(gtElems[i], removePunctuation: false);
                if (!equal) return false;
            }
            return true;
        }

        return NormalizeString(modelAnswer) == NormalizeString(groundTruth);
    }

    /// <summary><c>normalize_number_str</c>: drop <c>$</c>, <c>%</c> and <c>,</c>, then <c>float()</c>; +inf when that fails.</summary>
    public static double NormalizeNumber(string text)
    {
        var stripped = text.Replace("$", "").Replace("%", "").Replace(",", "");
        return PythonFloat.TryParse(stripped, out var value) ? value : double.PositiveInfinity;
    }

    /// <summary><c>re.split("[,;]", s)</c>: every piece, empty ones included.</summary>
    public static string[] SplitList(string text) => text.Split([',', ';']);

    /// <summary><c>normalize_str</c>: remove every <c>\s</c> character, Python-<c>lower()</c>, then (optionally)
    /// remove <c>string.punctuation</c>.</summary>
    public static string NormalizeString(string text, bool removePunctuation = true)
    {
        var noSpaces = new StringBuilder(text.Length);
        foreach (var c in text)
            if (!PythonFloat.IsPythonSpace(c)) noSpaces.Append(c); // every Python space is in the BMP
        var lower = PythonLower(noSpaces.ToString());
        if (!removePunctuation) return lower;
        var result = new StringBuilder(lower.Length);
        foreach (var c in lower)
            if (!Punctuation.Contains(c)) result.Append(c);
        return result.ToString();
    }

    /// <summary>Python's <c>str.lower()</c>: the full Unicode lower-case mapping, so U+0130 (İ) becomes "i̇" and a
    /// capital sigma at the end of a word becomes the final form ς, where .NET's simple mapping differs.</summary>
    public static string PythonLower(string text)
    {
        // Code points, with a lone surrogate kept as itself (as Python keeps it) rather than replaced by U+FFFD.
        var units = new List<(Rune Rune, string Text)>(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) == System.Buffers.OperationStatus.Done)
                units.Add((rune, text.Substring(i, used)));
            else
            {
                units.Add((Rune.ReplacementChar, text[i].ToString()));
                used = 1;
            }
            i += used;
        }
        var runes = units.Select(u => u.Rune).ToArray();
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < units.Count; i++)
        {
            var (r, original) = units[i];
            if (original.Length == 1 && char.IsSurrogate(original[0])) sb.Append(original);
            else if (r.Value == 0x130) sb.Append("i\u0307");
            else if (r.Value == 0x3A3) sb.Append(IsFinalSigma(runes, i) ? 'ς' : 'σ');
            else sb.Append(Rune.ToLowerInvariant(r).ToString());
        }
        return sb.ToString();
    }

    /// <summary>Unicode's Final_Sigma context, as CPython's <c>handle_capital_sigma</c> tests it:
    /// <c>\p{cased} \p{case-ignorable}* Σ !(\p{case-ignorable}* \p{cased})</c>.</summary>
    private static bool IsFinalSigma(Rune[] runes, int i)
    {
        var j = i - 1;
        while (j >= 0 && IsCaseIgnorable(runes[j])) j--;
        if (j < 0 || !IsCased(runes[j])) return false;
        j = i + 1;
        while (j < runes.Length && IsCaseIgnorable(runes[j])) j++;
        return j == runes.Length || !IsCased(runes[j]);
    }

    private static bool IsCased(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        || Rune.ToLowerInvariant(r) != r || Rune.ToUpperInvariant(r) != r
        || r.Value is 0xAA or 0xBA or (>= 0x2B0 and <= 0x2B8) or (>= 0x2C0 and <= 0x2C1) or (>= 0x2E0 and <= 0x2E4)
            or (>= 0x1D2C and <= 0x1D6A) or (>= 0x2160 and <= 0x217F) or (>= 0x24B6 and <= 0x24E9);

    private static bool IsCaseIgnorable(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        || r.Value is '\'' or '.' or ':' or 0xB7 or 0x387 or 0x55F or 0x5F4 or 0x2018 or 0x2019 or 0x2024 or 0x2027
            or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;
}
