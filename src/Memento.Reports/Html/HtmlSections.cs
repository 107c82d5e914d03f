using System.Globalization;
using System.Net;
using System.Text;
using Memento.Core.Config;
using Memento.Core.Results;

namespace Memento.Reports.Html;

/// <summary>The parts of the page that are plain HTML, written here rather than by the script so they read without
/// it: provenance and totals, the paper tables, and the memory diagnostics. Every text goes through
/// <see cref="E"/>.</summary>
internal static class HtmlSections
{
    public static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(double? value) => value is { } v ? Fmt.Pct(v) : "–";

    public static void Overview(StringBuilder sb, ResultFolder folder, int index)
    {
        var series = folder.Palette().Order.Count;
        sb.Append($"<section class=\"group\" id=\"group-{index}\"><h3>{E(folder.Name)}</h3>");
        sb.Append($"<p class=\"path\">{E(folder.Dir)} — {(folder.IsSweep ? $"sweep of {folder.Points.Count} runs, {series} series" : "one run")}</p>");
        var provenance = RunProvenance.Read(folder.Dir) ?? (folder.IsSweep ? null : RunProvenance.Read(folder.Points[0].Dir));
        if (provenance is null)
            sb.Append($"<p class=\"note\">No {RunFolder.ProvenanceFile} in this folder: its provenance (command, commit, times, host) was not recorded.</p>");
        else
            KeyValues(sb, "provenance", provenance);
        Totals(sb, folder);
        var config = new RunFolder(folder.Dir).Config;
        if (File.Exists(config))
            sb.Append($"<details><summary>config.yaml</summary><pre>{E(File.ReadAllText(config))}</pre></details>");
        sb.Append("</section>");
    }

    private static void Totals(StringBuilder sb, ResultFolder folder)
    {
        var t = RunTotals.Of(folder.Points.SelectMany(p => p.Episodes));
        var rows = new List<(string, string)>
        {
            ("episodes", N(t.Episodes)),
            ("scored", $"{N(t.Scored)} ({N(t.Correct)} correct, {Pct(t.Scored == 0 ? null : 100.0 * t.Correct / t.Scored)}%)"),
            ("unscored", t.Unscored.Count == 0 ? "0" : $"{N(t.Episodes - t.Scored)}: " + string.Join("; ", t.Unscored.Take(5).Select(u => $"{u.Reason} ({N(u.Count)})"))),
            ("agent tokens", $"{N(t.PromptTokens)} prompt + {N(t.CompletionTokens)} completion"),
            ("judge tokens", $"{N(t.JudgePromptTokens)} prompt + {N(t.JudgeCompletionTokens)} completion"),
            ("tool calls", t.ToolErrors == 0 ? N(t.ToolCalls) : $"{N(t.ToolCalls)} ({N(t.ToolErrors)} failed)"),
            ("cost", t.NoCostRecorded ? "none recorded (no priced model was called)"
                : t.CostUsd is { } cost ? t.CostWithHitsUsd is { } withHits
                    ? $"{Usd(cost)} spent; {Usd(withHits)} with its {N(t.CacheHits)} cache hits priced as if sent"
                    : $"{Usd(cost)} ({CacheNote(folder.Dir)})"
                : $"unknown: {N(t.EpisodesWithoutCost)} episodes called a model without a price"),
        };
        KeyValues(sb, "totals", rows);
    }

    private static string Usd(decimal amount) => amount.ToString("0.####", CultureInfo.InvariantCulture) + " USD";

    /// <summary>Which of the two costs the column of an older log holds (written before both were recorded), as its
    /// config's <c>cache.charge_hits</c>, since removed, chose.</summary>
    private static string CacheNote(string dir)
    {
        var path = new RunFolder(dir).Config;
        var cache = File.Exists(path) ? YamlTree.LoadFile(path).GetValueOrDefault("cache") as Dictionary<string, object?> : null;
        return cache?.GetValueOrDefault("charge_hits") as string is "true" or "True"
            ? "cache hits priced as if requested (cache.charge_hits: true)"
            : "what was spent: cache hits cost 0 (cache.charge_hits: false)";
    }

    private static void KeyValues(StringBuilder sb, string kind, IEnumerable<(string Key, string Value)> rows)
    {
        sb.Append($"<table class=\"kv {kind}\"><tbody>");
        foreach (var (key, value) in rows) sb.Append($"<tr><th>{E(key)}</th><td>{E(value)}</td></tr>");
        sb.Append("</tbody></table>");
    }

    public static void Tables(StringBuilder sb, ResultFolder folder)
    {
        sb.Append($"<h3>{E(folder.Name)}</h3>");
        foreach (var table in PaperTables.Build(folder))
        {
            sb.Append($"<table class=\"paper\" data-table=\"{E(table.Id)}\"><caption>{E(table.Title)}</caption><thead><tr>");
            foreach (var h in table.Headers) sb.Append($"<th>{E(h)}</th>");
            sb.Append("</tr></thead><tbody>");
            foreach (var row in table.Rows)
            {
                sb.Append("<tr>");
                foreach (var cell in row)
                {
                    var text = E(TableRenderer.Text(cell, counts: true, "±"));
                    sb.Append(cell.Bold ? $"<td><b>{text}</b></td>" : $"<td>{text}</td>");
                }
                sb.Append("</tr>");
            }
            sb.Append($"</tbody></table><p class=\"note\">{E(table.Note)}</p>");
        }
    }

    public static void Diagnostics(StringBuilder sb, string name, IReadOnlyList<(string Series, IReadOnlyList<MemoryDiagnostics> Rows)> perSeries)
    {
        sb.Append($"<h3>{E(name)}</h3><table class=\"diagnostics\"><thead><tr><th>Series</th><th>Iter.</th>" +
                  "<th>Bank size (last read)</th><th>Successful cases in bank %</th><th>Retrieved cases successful %</th>" +
                  "<th>Retrieved cases from the episode's source %</th><th>Reads returning fewer than K</th></tr></thead><tbody>");
        foreach (var (series, rows) in perSeries)
            foreach (var d in rows)
                sb.Append($"<tr><td>{E(series)}</td><td>{d.Iteration}</td><td>{N(d.BankSize)}</td><td>{Pct(d.PositiveInBankPct)}</td>" +
                          $"<td>{Pct(d.RetrievedPositivePct)}</td><td>{Pct(d.RetrievedSameSourcePct)}</td>" +
                          $"<td>{(d.Reads == 0 ? "no reads" : $"{N(d.ShortReads)} of {N(d.Reads)}")}</td></tr>");
        sb.Append("</tbody></table>");
    }
}
