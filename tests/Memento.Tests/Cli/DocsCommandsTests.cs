using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using Memento.Cli;
using Memento.Core;
using NUnit.Framework;

namespace Memento.Tests.Cli;

/// <summary>
/// The commands the README and <c>docs/**/*.md</c> show are commands that work: every line of a fenced <c>bash</c>/<c>sh</c>
/// block, and every inline <c>`scripts/memento …`</c>. A memento command line must parse with memento's own command tree
/// (so its subcommand and every flag exist); every repository path a command names (<c>configs/</c>, <c>scripts/</c>,
/// <c>docs/</c>, <c>.ci/</c>) must exist; a dataset it fetches must be in the registry. The quick ones run: a run's or
/// sweep's config is resolved with its <c>--set</c>s by <c>memento config</c> (every key and value checked), and
/// <c>datasets list</c>, <c>tools list</c>, <c>config</c> and <c>--help</c> lines run as written.
/// </summary>
public class DocsCommandsTests
{
    private static readonly string[] ShellInfo = ["bash", "sh", "shell", "console"];
    private static readonly string[] Wrappers = ["time", "env", "srun", "exec", "nohup", "sudo"];
    private static readonly string[] RepositoryFolders = ["configs/", "scripts/", "docs/", ".ci/"];

    /// <summary>A command as the docs show it: where, and its words after shell quoting is undone.</summary>
    public sealed record DocCommand(string Where, string Text, IReadOnlyList<string> Words)
    {
        public override string ToString() => $"{Where}: {Text}";
    }

    [Test]
    public void Every_command_in_the_docs_names_commands_flags_configs_and_scripts_that_exist()
    {
        var commands = Commands().ToList();
        var memento = commands.Where(c => IsMemento(c.Words[0])).ToList();
        Assert.That(memento, Has.Count.GreaterThan(20), "the docs show memento commands; the extraction found too few");
        Assert.That(memento.Select(c => c.Text), Has.Some.StartsWith("scripts/memento sweep configs/quickstart.yaml"));

        var problems = new List<string>();
        foreach (var command in commands)
        {
            foreach (var path in command.Words.Where(IsRepositoryPath).Where(p => !File.Exists(Repo(p)) && !Directory.Exists(Repo(p))))
                problems.Add($"{command.Where}: {path} does not exist (in `{command.Text}`)");
            if (!IsMemento(command.Words[0])) continue;
            var args = command.Words.Skip(1).ToArray();
            var parsed = MementoCli.Build().Parse(args);
            foreach (var error in parsed.Errors)
                problems.Add($"{command.Where}: `{command.Text}` does not parse: {error.Message}");
            // A gated dataset's fetch prints how to get it: naming it is right.
            if (args is ["datasets", "fetch", var name, ..] && !name.StartsWith('-') && !TestData.Registry.Gated.Any(g => name.StartsWith(g.Name, StringComparison.OrdinalIgnoreCase)))
            {
                try
                {
                    TestData.Registry.Find(name);
                }
                catch (MementoException e)
                {
                    problems.Add($"{command.Where}: {e.Message}");
                }
            }
        }
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task The_quick_commands_in_the_docs_run()
    {
        var ran = 0;
        var problems = new List<string>();
        foreach (var command in Commands().Where(c => IsMemento(c.Words[0])))
        {
            var args = command.Words.Skip(1).ToArray();
            string[]? quick = args switch
            {
                ["run" or "sweep", var config, .. var rest] when IsRepositoryPath(config) && File.Exists(Repo(config)) =>
                    ["config", Repo(config), .. Sets(rest)],
                ["config", var config, .. var rest] when File.Exists(Repo(config)) => ["config", Repo(config), .. rest],
                ["config", "--keys"] or ["datasets", "list"] or ["tools", "list"] => args,
                [.., "--help"] => args,
                _ => null,
            };
            if (quick is null) continue;
            ran++;
            var (exit, _, err) = await CliRunner.RunAsync(quick);
            if (exit != 0) problems.Add($"{command.Where}: `{command.Text}` (checked as `memento {string.Join(' ', quick)}`): exit {exit}: {err.Trim()}");
        }
        Assert.That(ran, Is.GreaterThan(10), "the docs show runs and sweeps of the shipped configs; too few were found");
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Every_relative_link_in_the_docs_reaches_a_file_and_its_heading()
    {
        var pages = Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "docs"), "*.md", SearchOption.AllDirectories)
            .Prepend(Path.Combine(TestPaths.RepoRoot, "README.md")).ToList();
        var broken = new List<string>();
        var headings = new Dictionary<string, HashSet<string>>();
        HashSet<string> HeadingsOf(string page) => headings.TryGetValue(page, out var known) ? known : headings[page] = Headings(page);
        foreach (var page in pages)
        {
            var prose = Regex.Replace(File.ReadAllText(page), "```.*?```", "", RegexOptions.Singleline);
            foreach (Match link in Regex.Matches(prose, @"\]\(([^)\s]+)\)"))
            {
                var parts = link.Groups[1].Value.Split('#', 2);
                var (path, anchor) = (parts[0], parts.Length > 1 ? parts[1] : "");
                if (Regex.IsMatch(path, "^[a-z]+:")) continue;   // http(s), mailto
                var target = path == "" ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, path));
                var where = $"{Path.GetRelativePath(TestPaths.RepoRoot, page)}: ({link.Groups[1].Value})";
                if (!File.Exists(target) && !Directory.Exists(target)) broken.Add($"{where} names no file");
                else if (anchor != "" && target.EndsWith(".md", StringComparison.Ordinal) && !HeadingsOf(target).Contains(anchor)) broken.Add($"{where} names no heading");
            }
        }
        Assert.That(broken, Is.Empty);
    }

    /// <summary>A page's headings as GitHub links them: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> Headings(string page) =>
        Regex.Matches(Regex.Replace(File.ReadAllText(page), "```.*?```", "", RegexOptions.Singleline), @"^#+\s+(.+)$", RegexOptions.Multiline)
            .Select(m => Regex.Replace(m.Groups[1].Value.Trim().ToLowerInvariant(), @"[^\w\- ]", "").Replace(' ', '-'))
            .ToHashSet();

    [Test]
    public void The_extraction_reads_shell_words_as_bash_does()
    {
        var words = Words("OPENAI_API_KEY=... time scripts/memento run 'a b.yaml' --set \"x=[1, 2]\" --out auto > log 2>&1   # comment");
        Assert.That(words, Is.EqualTo(new[] { "scripts/memento", "run", "a b.yaml", "--set", "x=[1, 2]", "--out", "auto" }));
        Assert.That(Split("scripts/memento table results/a --counts 2>&1 | head && scripts/memento plot results/a & wait; echo done").Select(Words),
            Is.EqualTo(new[] { new[] { "scripts/memento", "table", "results/a", "--counts" }, ["head"], ["scripts/memento", "plot", "results/a"], ["wait"], ["echo", "done"] }));
    }

    private static string Repo(string relative) => Path.Combine(TestPaths.RepoRoot, relative);

    private static bool IsMemento(string word) => word is "memento" or "scripts/memento";

    /// <summary>A literal path into one of the repository's tracked folders (not a placeholder or a shell variable).</summary>
    private static bool IsRepositoryPath(string word) =>
        RepositoryFolders.Any(word.StartsWith) && !word.Any(c => c is '$' or '<' or '>' or '*' or '{');

    /// <summary>Only the <c>--set</c> pairs of a run's or sweep's arguments: what <c>memento config</c> also takes.</summary>
    private static IEnumerable<string> Sets(string[] rest)
    {
        for (var i = 0; i < rest.Length - 1; i++)
            if (rest[i] == "--set") yield return $"--set={rest[i + 1]}";
    }

    /// <summary>The README's and the docs' commands: fenced shell blocks line by line (with <c>\</c> continuations),
    /// and inline <c>`scripts/memento …`</c> spans.</summary>
    public static IEnumerable<DocCommand> Commands()
    {
        var files = Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "docs"), "*.md", SearchOption.AllDirectories)
            .Prepend(Path.Combine(TestPaths.RepoRoot, "README.md")).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(TestPaths.RepoRoot, file);
            var lines = File.ReadAllLines(file);
            string? fence = null;
            var pending = new StringBuilder();
            var pendingLine = 0;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    fence = fence is null ? line.Trim()[3..].Trim() : null;
                    continue;
                }
                if (fence is null)
                {
                    foreach (Match span in Regex.Matches(line, "`(scripts/memento [^`]+)`"))
                        foreach (var command in Parse($"{name}:{i + 1}", span.Groups[1].Value)) yield return command;
                    continue;
                }
                if (!ShellInfo.Contains(fence)) continue;
                if (pending.Length == 0) pendingLine = i + 1;
                if (line.EndsWith('\\'))
                {
                    pending.Append(line[..^1]).Append(' ');
                    continue;
                }
                pending.Append(line);
                foreach (var command in Parse($"{name}:{pendingLine}", pending.ToString())) yield return command;
                pending.Clear();
            }
        }
    }

    private static IEnumerable<DocCommand> Parse(string where, string line) =>
        Split(line).Select(part => new DocCommand(where, part.Trim(), Words(part))).Where(c => c.Words.Count > 0);

    /// <summary>A line cut at <c>|</c>, <c>||</c>, <c>&amp;&amp;</c>, <c>&amp;</c> and <c>;</c> outside quotes, up to a comment.</summary>
    private static List<string> Split(string line)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                if (c == quote) quote = null;
                current.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                current.Append(c);
            }
            else if (c == '#' && (current.Length == 0 || char.IsWhiteSpace(current[^1])))
            {
                break;
            }
            else if (c is '|' or ';' || (c == '&' && !Redirection(line, i)))
            {
                parts.Add(current.ToString());
                current.Clear();
                if (i + 1 < line.Length && line[i + 1] == c) i++;
            }
            else
            {
                current.Append(c);
            }
        }
        parts.Add(current.ToString());
        return parts.Where(p => p.Trim().Length > 0).ToList();
    }

    /// <summary>Whether the <c>&amp;</c> at <paramref name="i"/> belongs to a redirection (<c>2&gt;&amp;1</c>, <c>&amp;&gt;log</c>)
    /// rather than ending a command (<c>&amp;&amp;</c>, or <c>&amp;</c> sending it to the background).</summary>
    private static bool Redirection(string line, int i) =>
        (i > 0 && line[i - 1] == '>') || (i + 1 < line.Length && line[i + 1] == '>');

    /// <summary>The words of one simple command, quotes removed, without leading <c>NAME=value</c> assignments, wrappers
    /// such as <c>time</c> or <c>srun</c>, and redirections.</summary>
    private static List<string> Words(string command)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in command)
        {
            if (quote is not null)
            {
                if (c == quote) quote = null;
                else current.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }
        if (inWord) words.Add(current.ToString());
        var redirect = new Regex("^[0-9&]?>>?");
        for (var i = 0; i < words.Count; i++)
            if (redirect.IsMatch(words[i]))
            {
                var attached = redirect.Replace(words[i], "").Length > 0;
                words.RemoveRange(i, attached || i + 1 == words.Count ? 1 : 2);
                i--;
            }
        while (words.Count > 0 && (Regex.IsMatch(words[0], "^[A-Za-z_][A-Za-z0-9_]*=") || Wrappers.Contains(words[0])))
            words.RemoveAt(0);
        return words;
    }
}
