using System.Text.Json;
using System.Text.RegularExpressions;
using Memento.Llm.Loopback;

namespace Memento.Tools.Tests.EndToEnd;

/// <summary>
/// A scripted tool-using model for <see cref="GaiaFixture"/> that uses only file names it is given: the planner plans
/// one step and answers with the <c>FACT=...;</c> a result reported; the executor learns the attachment's name from
/// the "Attached file:" line of its prompt, lists its working folder with run_python (the same code in every task) and
/// gives up unless the named file is there, then reads the file with read_file — a ZIP member it saw listed next — or,
/// when the question asks for a total, sums the column with run_python (csv, or zipfile and re for an XLSX: pandas is
/// not on the machine). A task without attachment is answered without tools.
/// </summary>
public static partial class GaiaWorld
{
    public const string ListCode = "import os; print('FILES=' + ','.join(sorted(f for f in os.listdir('.') if f != 'tmp')) + ';')";

    public static LoopbackReply Reply(LoopbackRequest r) => r.Model == "planner" ? Planner(r) : Executor(r);

    private static LoopbackReply Planner(LoopbackRequest r)
    {
        var fact = Fact().Match(r.AllContent);
        return LoopbackReply.Text(fact.Success
            ? "FINAL ANSWER: " + fact.Groups[1].Value
            : """{"plan":[{"id":1,"description":"Answer the question, from the attached file if there is one"}]}""");
    }

    private static LoopbackReply Executor(LoopbackRequest r)
    {
        var task = r.Messages[1]!["content"]!.ToString();
        var name = Attached().Match(task) is { Success: true } m ? m.Groups[1].Value : null;
        var results = r.Messages.Where(x => x?["role"]?.ToString() == "tool").Select(x => x!["content"]!.ToString()).ToList();
        if (name is null) return LoopbackReply.Text(task.Contains("six times seven") ? "FACT=42;" : "No file was attached.");
        switch (results.Count)
        {
            case 0:
                return Call("run_python", new { code = ListCode });
            case 1:
                var listed = Regex.Match(results[0], "FILES=([^;]*);").Groups[1].Value.Split(',');
                if (!listed.Contains(name)) return LoopbackReply.Text($"The attachment {name} is not in the working folder: {results[0]}");
                return task.Contains("total of the")
                    ? Call("run_python", new { code = SumCode(name) })
                    : Call("read_file", new { path = name });
            case 2 when !Fact().IsMatch(results[1]) && name.EndsWith(".zip") && Regex.Match(results[1], @"^(inner/\S+)\t", RegexOptions.Multiline) is { Success: true } member:
                return Call("read_file", new { path = $"{name}/{member.Groups[1].Value}" });
            default:
                var fact = Fact().Match(results[^1]);
                return LoopbackReply.Text(fact.Success ? $"FACT={fact.Groups[1].Value};" : "Nothing found: " + results[^1]);
        }
    }

    /// <summary>Python (standard library only) that prints the sum of the second column of an attached CSV or XLSX.</summary>
    private static string SumCode(string name) => name.EndsWith(".xlsx")
        ? $$"""
          import re, zipfile
          z = zipfile.ZipFile("{{name}}")
          xml = "".join(z.read(n).decode() for n in z.namelist() if "worksheets/" in n)
          values = re.findall(r'<(?:\w+:)?c r="B(?:[2-9]|\d\d+)"[^>]*>\s*<(?:\w+:)?v>([^<]*)<', xml)
          print("FACT=%d;" % sum(int(float(v)) for v in values))
          """
        : $$"""
          import csv
          rows = list(csv.reader(open("{{name}}")))
          print("FACT=%d;" % sum(int(row[1]) for row in rows[1:]))
          """;

    private static LoopbackReply Call(string tool, object arguments) => LoopbackReply.Call(tool, JsonSerializer.Serialize(arguments));

    [GeneratedRegex(@"Attached file: (\S+) \(")]
    private static partial Regex Attached();

    [GeneratedRegex(@"FACT=([^;]+);")]
    private static partial Regex Fact();
}
