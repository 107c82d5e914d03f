using Memento.Cli.Running;
using Memento.Core;
using Memento.Core.Config;
using Memento.Tools.Builtin;
using NUnit.Framework;

namespace Memento.Tools.Tests.Builtin;

/// <summary><c>tools.builtin</c> and <c>tools.&lt;name&gt;</c> through the plug-in registry: good settings build the
/// tools in order, bad ones are one message naming the key.</summary>
public class BuiltinConfigTests
{
    private static ToolsConfig Bind(string yaml) =>
        ConfigLoader.FromTree(Plugins.All, YamlTree.Parse(yaml, "test.yaml")).Config.Tools ?? ToolsConfig.None;

    [Test]
    public void Listed_tools_are_built_in_order_with_their_settings()
    {
        var config = Bind("""
            tools:
              builtin: [fetch_page, web_search]
              web_search: {backend: searxng, base_url: "http://127.0.0.1:8888", rerank: false}
              fetch_page: {allow_private: true, max_bytes: 2048}
            """);
        Assert.That(config.BuiltinSettings!.Get<FetchPageKind.Settings>().Fetch.MaxBytes, Is.EqualTo(2048));
        using var tools = BuiltinTools.Create(config);
        Assert.That(tools.For(null).Select(t => t.Descriptor.Name), Is.EqualTo(new[] { "fetch_page", "web_search" }));
    }

    [TestCase("tools: {builtin: [telepathy]}", "config: tools.builtin[0] = 'telepathy' is invalid; expected one of web_search | fetch_page | search_corpus")]
    [TestCase("tools: {builtin: [fetch_page, fetch_page]}", "tools.builtin[1] = 'fetch_page' is invalid; expected each tool listed once")]
    [TestCase("tools: {builtin: [search_corpus]}", "tools.search_corpus.index = '' is invalid")]
    [TestCase("tools: {builtin: [web_search]}", "tools.web_search.base_url = '' is invalid; expected the URL of a SearxNG instance")]
    [TestCase("tools: {builtin: [web_search], web_search: {base_url: 'ftp://x'}}", "tools.web_search.base_url = 'ftp://x' is invalid")]
    [TestCase("tools: {builtin: [fetch_page], fetch_page: {max_redirects: 99}}", "tools.fetch_page.max_redirects = '99' is invalid")]
    [TestCase("tools: {builtin: [fetch_page], fetch_page: {allow_addresses: [localhost]}}", "tools.fetch_page.allow_addresses = 'localhost' is invalid; expected IP addresses")]
    [TestCase("tools: {builtin: [fetch_page], fetch_page: {allow_evil: true}}", "unknown key 'tools.fetch_page.allow_evil'")]
    [TestCase("tools: {builtin: [web_search], web_search: {api_key_env: 'sk-abc+def'}}", "tools.web_search.api_key_env must name an environment variable")]
    public void Bad_settings_are_one_message_naming_the_key(string yaml, string message)
    {
        var e = Assert.Throws<MementoException>(() => Bind(yaml));
        Assert.That(e!.Message, Does.Contain(message));
    }

    [Test]
    public void A_hosted_backend_without_its_key_in_the_environment_stops_the_run_before_it_starts()
    {
        var config = Bind("tools: {builtin: [web_search], web_search: {backend: brave, api_key_env: MEMENTO_TEST_UNSET_BRAVE_KEY}}");
        var e = Assert.Throws<MementoException>(() => BuiltinTools.Create(config));
        Assert.That(e!.Message, Is.EqualTo("config: tools.web_search.backend 'brave' reads its API key from the environment variable MEMENTO_TEST_UNSET_BRAVE_KEY, which is not set"));
    }
}
