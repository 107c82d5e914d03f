using System.Diagnostics;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Memento.Tools.Tests.EndToEnd;

/// <summary><c>memento tools serve</c> stopped by a signal removes the temporary workspace it made (#26).</summary>
[Category("Slow")]
public partial class ServeSignalTests
{
    [TestCase("TERM")]
    [TestCase("INT")]
    public async Task A_signal_removes_the_temporary_workspace(string signal)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Programs.MementoDll, "tools", "serve" }) start.ArgumentList.Add(a);
        using var server = Process.Start(start)!;
        string? folder = null;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (folder is null && await server.StandardError.ReadLineAsync(limit.Token) is { } line)
            if (Workspace().Match(line) is { Success: true } m) folder = m.Groups[1].Value;
        Assert.That(folder, Is.Not.Null, "the server names its workspace on stderr");
        Assert.That(Directory.Exists(folder), Is.True);

        using (var kill = Process.Start("kill", ["-" + signal, server.Id.ToString()])) await kill.WaitForExitAsync(limit.Token);
        await server.WaitForExitAsync(limit.Token);
        Assert.That(Directory.Exists(folder), Is.False, $"{folder} is left after SIG{signal}");
    }

    [GeneratedRegex(@"; workspace (\S+)$")]
    private static partial Regex Workspace();
}
