using System.Net;
using Memento.Tools.Http;
using Memento.Tools.Web;
using NUnit.Framework;

namespace Memento.Tools.Tests.Web;

/// <summary>What fetch_page refuses under its default settings, judged by address: local files, loopback (by name,
/// IPv4, IPv6, IPv4-mapped), the cloud metadata address, and a redirect from an allowed host into loopback.</summary>
public class FetchPageRefusalTests
{
    private static readonly HttpSettings Quick = new(TimeoutS: 2, MaxRetries: 2, RetryDelayS: 0.01, RequestsPerMinute: 0);

    [TestCase("file:///etc/passwd", "only http and https URLs can be read")]
    [TestCase("ftp://example.org/x", "only http and https URLs can be read")]
    [TestCase("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address")]
    [TestCase("http://[::1]:9/", "::1 is a loopback address")]
    [TestCase("http://[::ffff:127.0.0.1]:9/", "a loopback address")]
    [TestCase("http://[::ffff:169.254.169.254]/", "a link-local address")]
    [TestCase("http://0.0.0.0:9/", "0.0.0.0 is an unspecified address")]
    [TestCase("http://10.1.2.3/", "10.1.2.3 is a private address")]
    [TestCase("http://[fd00::1]/", "fd00::1 is a private address")]
    [TestCase("http://localhost:9/", "localhost resolves to")]
    public async Task Refused_by_default(string url, string why)
    {
        using var tool = new FetchPageTool(new FetchSettings(), Quick);
        var output = await tool.Call(new { url });
        Assert.That(output.IsError, Is.True);
        Assert.That(output.Text, Does.Contain(why));
    }

    [Test]
    public async Task A_live_loopback_server_is_never_reached_by_default()
    {
        using var web = new LoopbackWeb().Serve("/", "text/plain", "internal data");
        using var tool = new FetchPageTool(new FetchSettings(), Quick);
        var output = await tool.Call(new { url = web.BaseUrl });
        Assert.That(output.Text, Does.Contain("127.0.0.1 is a loopback address"));
        Assert.That(web.TotalHits, Is.Zero);
    }

    [TestCase("http://127.0.0.2:{0}/secret")]
    [TestCase("http://169.254.169.254/latest/meta-data/")]
    [TestCase("http://[::1]:{0}/secret")]
    [TestCase("file:///etc/passwd")]
    public async Task A_redirect_from_an_allowed_host_into_a_refused_address_is_refused(string target)
    {
        using var web = new LoopbackWeb().Serve("/secret", "text/plain", "internal data");
        web.Route("/jump", c =>
        {
            c.Response.Headers["Location"] = string.Format(target, web.Port);
            return LoopbackWeb.Reply(c, 302, "text/plain", "");
        });
        // Only 127.0.0.1 itself is allowed: the jump host answers, the redirect target must not be reached.
        using var tool = new FetchPageTool(new FetchSettings(AllowAddresses: ["127.0.0.1"]), Quick);
        var output = await tool.Call(new { url = web.BaseUrl + "jump" });
        Assert.That(output.IsError, Is.True, output.Text);
        Assert.That(output.Text, Does.Contain("refused").Or.Contain("non-http(s)").Or.Contain("address"));
        Assert.That(web.Hits("/jump"), Is.EqualTo(1), "refusals are not retried");
        Assert.That(web.Hits("/secret"), Is.Zero);
    }

    [TestCase("8.8.8.8", AddressRange.Public)]
    [TestCase("2606:4700::1111", AddressRange.Public)]
    [TestCase("127.1.2.3", AddressRange.Loopback)]
    [TestCase("172.16.0.1", AddressRange.Private)]
    [TestCase("172.32.0.1", AddressRange.Public)]
    [TestCase("192.168.1.1", AddressRange.Private)]
    [TestCase("100.64.0.1", AddressRange.Private)]
    [TestCase("224.0.0.1", AddressRange.Multicast)]
    [TestCase("255.255.255.255", AddressRange.Reserved)]
    [TestCase("fe80::1", AddressRange.LinkLocal)]
    [TestCase("ff02::1", AddressRange.Multicast)]
    [TestCase("::", AddressRange.Unspecified)]
    [TestCase("::127.0.0.1", AddressRange.Loopback)]
    [TestCase("64:ff9b::a9fe:a9fe", AddressRange.LinkLocal)]
    [TestCase("2002:7f00:1::", AddressRange.Loopback)]
    [TestCase("2001:db8::1", AddressRange.Reserved)]
    public void Addresses_are_classified_by_range(string address, AddressRange range) =>
        Assert.That(AddressPolicy.Classify(IPAddress.Parse(address)), Is.EqualTo(range));

    [Test]
    public async Task An_unresolvable_host_is_named_with_the_cause()
    {
        using var tool = new FetchPageTool(new FetchSettings(), Quick with { MaxRetries = 0 });
        var output = await tool.Call(new { url = "http://no-such-host.invalid/page" });
        Assert.That(output.IsError, Is.True);
        Assert.That(output.Text, Does.StartWith("fetch_page: http://no-such-host.invalid/page: the host 'no-such-host.invalid' could not be resolved: "));
    }

    [Test]
    public async Task An_error_that_echoes_a_huge_input_is_cut_in_its_middle()
    {
        using var tool = new FetchPageTool(new FetchSettings(), Quick);
        var huge = "ftp://example.org/" + new string('x', 100_000) + "/end";
        var output = await tool.Call(new { url = huge });
        Assert.That(output.IsError, Is.True);
        Assert.That(output.Text.Length, Is.LessThanOrEqualTo(ToolOutput.MaxErrorChars));
        Assert.That(output.Text, Does.StartWith("fetch_page: only http and https URLs can be read, not 'ftp://example.org/xxx")
            .And.Contain(" characters cut]… ").And.EndWith("xxx/end'"));
    }
}
