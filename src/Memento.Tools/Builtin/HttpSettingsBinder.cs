using Memento.Core.Config;
using Memento.Tools.Http;

namespace Memento.Tools.Builtin;

/// <summary>The network keys every HTTP tool has: <c>timeout_s</c>, <c>max_retries</c>, <c>retry_delay_s</c>,
/// <c>requests_per_minute</c> (0: no limit).</summary>
public static class HttpSettingsBinder
{
    public static HttpSettings Bind(ConfigNode node, HttpSettings defaults) => new(
        node.Double("timeout_s", defaults.TimeoutS, 0.001, 3600),
        node.Int("max_retries", defaults.MaxRetries, 0, 20),
        node.Double("retry_delay_s", defaults.RetryDelayS, 0, 600),
        node.Double("requests_per_minute", defaults.RequestsPerMinute, 0, 1_000_000));
}
