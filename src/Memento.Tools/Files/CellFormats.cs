using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Memento.Tools.Files;

/// <summary>
/// A workbook's number formats, applied to numeric cells the way the spreadsheet shows them, in a form that does not
/// depend on a locale: dates as <c>yyyy-MM-dd</c>, times as <c>HH:mm</c> or <c>HH:mm:ss</c> (elapsed <c>[h]</c> formats
/// as total hours), date-times as both, percentages as value × 100 with the format's decimals and <c>%</c>. Other
/// formats (General, plain numbers, currencies) show the stored number. Built-in format ids follow ECMA-376 §18.8.30;
/// custom format codes are classified by their date, time and percent tokens outside quotes, escapes and brackets.
/// </summary>
internal sealed partial class CellFormats
{
    private enum Kind { Number, Date, Time, DateTime, Percent }

    private sealed record Format(Kind Kind, int Decimals = 0, bool Seconds = true, bool Elapsed = false);

    private static readonly Format Plain = new(Kind.Number);

    private static readonly Dictionary<uint, Format> BuiltIn = new()
    {
        [9] = new(Kind.Percent), [10] = new(Kind.Percent, 2),
        [14] = new(Kind.Date), [15] = new(Kind.Date), [16] = new(Kind.Date), [17] = new(Kind.Date),
        [18] = new(Kind.Time, Seconds: false), [19] = new(Kind.Time), [20] = new(Kind.Time, Seconds: false), [21] = new(Kind.Time),
        [22] = new(Kind.DateTime, Seconds: false),
        [45] = new(Kind.Time), [46] = new(Kind.Time, Elapsed: true), [47] = new(Kind.Time),
        // East Asian built-in dates (ids 27-36, 50-58).
        [27] = new(Kind.Date), [28] = new(Kind.Date), [29] = new(Kind.Date), [30] = new(Kind.Date), [31] = new(Kind.Date),
        [32] = new(Kind.Time), [33] = new(Kind.Time), [34] = new(Kind.Time), [35] = new(Kind.Time), [36] = new(Kind.Date),
        [50] = new(Kind.Date), [51] = new(Kind.Date), [52] = new(Kind.Date), [53] = new(Kind.Date), [54] = new(Kind.Date),
        [55] = new(Kind.Time), [56] = new(Kind.Time), [57] = new(Kind.Date), [58] = new(Kind.Date),
    };

    private readonly List<Format> _byStyle;
    private readonly DateTime _epoch;

    private CellFormats(List<Format> byStyle, bool date1904)
    {
        _byStyle = byStyle;
        _epoch = date1904 ? new DateTime(1904, 1, 1) : new DateTime(1899, 12, 30);
    }

    /// <summary>The formats of a workbook's cell styles (<c>cellXfs</c>), by style index.</summary>
    public static CellFormats Of(WorkbookPart workbook)
    {
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var custom = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .GroupBy(f => f.NumberFormatId!.Value)
            .ToDictionary(g => g.Key, g => Classify(g.First().FormatCode?.Value ?? "")) ?? [];
        var styles = stylesheet?.CellFormats?.Elements<CellFormat>()
            .Select(xf => xf.NumberFormatId?.Value is { } id ? custom.GetValueOrDefault(id) ?? BuiltIn.GetValueOrDefault(id, Plain) : Plain)
            .ToList() ?? [];
        return new CellFormats(styles, workbook.Workbook?.WorkbookProperties?.Date1904?.Value == true);
    }

    /// <summary>A numeric cell's stored text as its style shows it; the stored text when it is not a number or the format is plain.</summary>
    public string Show(string raw, uint? style)
    {
        var format = style is { } s && s < _byStyle.Count ? _byStyle[(int)s] : Plain;
        if (format.Kind == Kind.Number || !double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return raw;
        if (format.Kind == Kind.Percent) return (value * 100).ToString("F" + format.Decimals, CultureInfo.InvariantCulture) + "%";
        if (format.Kind == Kind.Time && (format.Elapsed || value is < 0 or >= 1)) return Elapsed(value, format.Seconds);
        if (value is < 0 or > 2_958_465) return raw;   // outside the dates Excel shows (9999-12-31)
        var time = Moment(value);
        var clock = format.Seconds ? "HH:mm:ss" : "HH:mm";
        return time.ToString(format.Kind switch { Kind.Date => "yyyy-MM-dd", Kind.Time => clock, _ => "yyyy-MM-dd " + clock }, CultureInfo.InvariantCulture);
    }

    /// <summary>The serial as a moment, rounded to the second; in the 1900 system serials before 61 are one day off
    /// (Excel counts the 29 February 1900 that never was).</summary>
    private DateTime Moment(double serial)
    {
        var days = _epoch.Year == 1899 && serial < 61 ? serial + 1 : serial;
        return _epoch.AddSeconds(Math.Round(days * 86_400));
    }

    private static string Elapsed(double days, bool seconds)
    {
        var total = (long)Math.Round(Math.Abs(days) * 86_400);
        var sign = days < 0 ? "-" : "";
        var text = string.Create(CultureInfo.InvariantCulture, $"{sign}{total / 3600}:{total / 60 % 60:00}");
        return seconds ? string.Create(CultureInfo.InvariantCulture, $"{text}:{total % 60:00}") : text;
    }

    /// <summary>The kind of a custom format code, judged on its first section with quoted text, escapes, fills and
    /// bracketed parts (colours, conditions, locales) removed; <c>[h]</c>, <c>[m]</c>, <c>[s]</c> mark elapsed time.</summary>
    private static Format Classify(string code)
    {
        var section = code.Split(';')[0];
        var elapsed = ElapsedToken().IsMatch(section);
        var bare = Noise().Replace(section, "").ToLowerInvariant();
        if (bare.Contains('%'))
        {
            var decimals = bare.Contains('.') ? bare[(bare.IndexOf('.') + 1)..].TakeWhile(c => c is '0' or '#').Count() : 0;
            return new Format(Kind.Percent, decimals);
        }
        var hasTime = elapsed || bare.Contains('h') || bare.Contains('s');
        var hasDate = bare.Contains('y') || bare.Contains('d') || (!hasTime && bare.Contains('m'));
        var hasSeconds = bare.Contains('s') || section.Contains("[s]", StringComparison.OrdinalIgnoreCase);
        return (hasDate, hasTime) switch
        {
            (true, true) => new Format(Kind.DateTime, Seconds: hasSeconds),
            (true, false) => new Format(Kind.Date),
            (false, true) => new Format(Kind.Time, Seconds: hasSeconds, Elapsed: elapsed),
            _ => Plain,
        };
    }

    [GeneratedRegex(@"\[(h+|m+|s+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex ElapsedToken();

    /// <summary>Quoted text, backslash escapes, <c>_x</c> spacing, <c>*x</c> fills, bracketed parts, and the literal
    /// "General" — nothing of which decides the kind.</summary>
    [GeneratedRegex(@"""[^""]*""|\\.|_.|\*.|\[[^\]]*\]|general", RegexOptions.IgnoreCase)]
    private static partial Regex Noise();
}
