using System.Text.Json;
using Memento.Cli.Bench;
using NUnit.Framework;

namespace Memento.Tests.Cli;

public class FigureTableTests
{
    [Test]
    public void Every_figure_is_printed_and_serialised_with_the_load_average_it_was_measured_at()
    {
        var figures = new FigureTable { ["loop_eps_per_s.qnet"] = 288.5, ["qnet_us.forward"] = 412.25 };
        var text = new StringWriter();
        figures.Print(text);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(lines[0], Does.Match(@"^loop_eps_per_s\.qnet\s+288\.5\s+load (\d+\.\d|NaN)$"));

        using var json = JsonDocument.Parse(figures.ToJson());
        Assert.That(json.RootElement.GetProperty("figures").GetProperty("qnet_us.forward").GetDouble(), Is.EqualTo(412.25));
        var load = json.RootElement.GetProperty("load_avg").GetProperty("qnet_us.forward");
        if (File.Exists("/proc/loadavg")) Assert.That(load.GetDouble(), Is.GreaterThanOrEqualTo(0));
    }
}
