using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Memento.Tools.Tests.EndToEnd;

/// <summary><c>memento tools serve</c> driven as a hostile MCP client would (#26): arguments that are not an object get
/// "invalid params" and the server goes on; a signal removes the temporary workspace the server made.</summary>
[Category("Slow")]
public partial class ServeHostileTests
{
    private static Process Serve()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Programs.MementoDll, "tools", "serve" }) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    [Test]
    public async Task Arguments_that_are_not_an_object_are_invalid_params_and_the_server_goes_on()
    {
        using var server = Serve();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        async Task<JsonNode> Ask(int id, string method, string parameters)
        {
            await server.StandardInput.WriteLineAsync("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + parameters + "}");
            await server.StandardInput.FlushAsync();
            while (await server.StandardOutput.ReadLineAsync(limit.Token) is { } line)
                if (JsonNode.Parse(line) is { } message && message["id"]?.GetValue<int>() == id) return message;
            throw new AssertionException($"no answer to request {id}");
        }
        await Ask(1, "initialize", """{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}""");
        await server.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");

        var array = await Ask(2, "tools/call", """{"name":"fetch_page","arguments":[1,2]}""");
        Assert.That(array["error"]?["code"]?.GetValue<int>(), Is.EqualTo(-32602), array.ToJsonString());
        Assert.That(array["error"]!["message"]!.GetValue<string>(), Is.EqualTo("tools/call: 'arguments' must be a JSON object of the tool's parameters, not array"));
        var text = await Ask(3, "tools/call", """{"name":"fetch_page","arguments":"url"}""");
        Assert.That(text["error"]?["code"]?.GetValue<int>(), Is.EqualTo(-32602), text.ToJsonString());

        var ok = await Ask(4, "tools/call", """{"name":"fetch_page","arguments":{"url":"file:///etc/passwd"}}""");
        Assert.That(ok["result"]?["isError"]?.GetValue<bool>(), Is.True, ok.ToJsonString());
        Assert.That(ok["result"]!["content"]![0]!["text"]!.GetValue<string>(), Does.Contain("only http and https URLs can be read"));
        server.StandardInput.Close();
        await server.WaitForExitAsync(limit.Token);
    }

    [TestCase("TERM")]
    [TestCase("INT")]
    public async Task A_signal_removes_the_temporary_workspace(string signal)
    {
        using var server = Serve();
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
