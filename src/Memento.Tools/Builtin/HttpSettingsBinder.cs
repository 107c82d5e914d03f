using Memento.Core.Config;
using Memento.Tools.Http;

namespace Memento.Tools.Builtin;

/// <summary>The network keys every HTTP tool has: <c>timeout_s</c>, <c>max_retries</c>, <c>retry_delay_s</c>,
/// <c>requests_per_minute</c> (0: no limit).</summary>
internal static class HttpSettingsBinder
{
    public static HttpSettings Bind(ConfigNode node, HttpSettings defaults) => new(
        node.Double("timeout_s", defaults.TimeoutS, "seconds one HTTP attempt may take", 0.001, 3600),
        node.Int("max_retries", defaults.MaxRetries, "retries of a timeout, dropped connection, 408, 429 or 5xx (exponential backoff)", 0, 20),
        node.Double("retry_delay_s", defaults.RetryDelayS, "first backoff delay in seconds", 0, 600),
        node.Double("requests_per_minute", defaults.RequestsPerMinute, "cap on request starts per minute for the whole run (0: none)", 0, 1_000_000));
}
