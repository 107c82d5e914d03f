using System.Globalization;
using System.Text;

namespace Memento.Core.Scoring;

/// <summary>
/// Python 3's <c>float(str)</c>, reproduced from CPython rather than from .NET's number parser, which accepts a
/// different language (thousands separators, no <c>_</c>, no non-ASCII digits, different whitespace).
/// <para>CPython first maps every character at or above U+007F: Unicode whitespace (<c>str.isspace()</c>) becomes a
/// space, a decimal digit (category Nd) becomes its ASCII digit, anything else makes the text invalid; ASCII
/// characters stay as they are. It then strips ASCII whitespace (space, \t \n \v \f \r — not U+001C–U+001F, which
/// <c>float()</c> rejects although <c>\s</c> matches them) and parses
/// <c>[sign] (digitpart "." [digitpart] | [digitpart] "." digitpart | digitpart) [("e"|"E") [sign] digitpart]</c>
/// or <c>[sign] ("inf" | "infinity" | "nan")</c> in any case, where <c>digitpart = digit ("_"? digit)*</c>.</para>
/// Only the validated, underscore-free ASCII text reaches <see cref="double.Parse(string, NumberStyles, IFormatProvider)"/>.
/// </summary>
internal static class PythonFloat
{
    /// <summary>Python's <c>float(text)</c>; false where Python raises <c>ValueError</c>.</summary>
    public static bool TryParse(string? text, out double value)
    {
        value = 0;
        if (text is null) return false;
        var ascii = ToAscii(text);
        if (ascii is null) return false;
        var (start, end) = (0, ascii.Length);
        while (start < end && IsAsciiSpace(ascii[start])) start++;
        while (end > start && IsAsciiSpace(ascii[end - 1])) end--;
        if (start == end) return false;
        var s = ascii.AsSpan(start, end - start);

        var negative = false;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.Equals("inf", StringComparison.OrdinalIgnoreCase) || s.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        if (s.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        var clean = new StringBuilder(s.Length + 1);
        if (negative) clean.Append('-');
        var i = 0;
        var intDigits = DigitPart(s, ref i, clean);
        if (intDigits < 0) return false;
        var fracDigits = 0;
        if (i < s.Length && s[i] == '.')
        {
            clean.Append('.');
            i++;
            fracDigits = DigitPart(s, ref i, clean);
            if (fracDigits < 0) return false;
        }
        if (intDigits == 0 && fracDigits == 0) return false;
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            clean.Append('e');
            i++;
            if (i < s.Length && s[i] is '+' or '-') clean.Append(s[i++]);
            if (DigitPart(s, ref i, clean) <= 0) return false;
        }
        if (i != s.Length) return false;
        value = double.Parse(clean.ToString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>The official GAIA scorer's <c>is_float</c>.</summary>
    public static bool IsFloat(string? text) => TryParse(text, out _);

    /// <summary>Python's <c>str.isspace()</c>, which is also what <c>re</c>'s <c>\s</c> matches in a str pattern.</summary>
    public static bool IsPythonSpace(int codePoint) => codePoint switch
    {
        >= 0x09 and <= 0x0D => true,
        >= 0x1C and <= 0x20 => true,
        0x85 or 0xA0 or 0x1680 => true,
        >= 0x2000 and <= 0x200A => true,
        0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000 => true,
        _ => false,
    };

    private static bool IsAsciiSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>CPython's <c>_PyUnicode_TransformDecimalAndSpaceToASCII</c>; null where it would produce '?'.</summary>
    private static string? ToAscii(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value < 127) sb.Append((char)rune.Value);
            else if (IsPythonSpace(rune.Value)) sb.Append(' ');
            else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber)
            {
                var digit = (int)Rune.GetNumericValue(rune);
                if (digit is < 0 or > 9) return null;
                sb.Append((char)('0' + digit));
            }
            else return null;
        }
        return sb.ToString();
    }

    /// <summary>Reads <c>digit ("_"? digit)*</c> (possibly empty) and appends the digits; the count read, or -1 when
    /// an underscore is not between two digits.</summary>
    private static int DigitPart(ReadOnlySpan<char> s, ref int i, StringBuilder clean)
    {
        var count = 0;
        while (i < s.Length)
        {
            if (char.IsAsciiDigit(s[i]))
            {
                clean.Append(s[i++]);
                count++;
            }
            else if (s[i] == '_')
            {
                if (count == 0 || i + 1 >= s.Length || !char.IsAsciiDigit(s[i + 1])) return -1;
                i++;
            }
            else break;
        }
        return count;
    }
}
