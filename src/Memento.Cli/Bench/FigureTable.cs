using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Memento.Cli.Bench;

/// <summary>The figures of one <c>memento bench</c> run, each stamped with the machine's 1-minute load average when it
/// was recorded: on a shared machine a figure means little without the load it was measured under.</summary>
internal sealed class FigureTable
{
    private readonly SortedDictionary<string, (double Value, double Load)> _figures = new(StringComparer.Ordinal);

    public double this[string key]
    {
        set => _figures[key] = (value, LoadAverage());
    }

    /// <summary>One line per figure: name, value, and the load average it was measured at.</summary>
    public void Print(TextWriter output)
    {
        foreach (var (key, (value, load)) in _figures) output.WriteLine($"{key,-44} {value,12:0.###}   load {load:0.0}");
    }

    /// <summary><c>{"figures": {name: value}, "load_avg": {name: load average}}</c> (an unknown load is "NaN").</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        figures = _figures.ToDictionary(f => f.Key, f => f.Value.Value),
        load_avg = _figures.ToDictionary(f => f.Key, f => f.Value.Load),
    }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals });

    /// <summary>The 1-minute load average (the first field of /proc/loadavg); NaN where the system has no such file.</summary>
    public static double LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return double.Parse(fields[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }
}
