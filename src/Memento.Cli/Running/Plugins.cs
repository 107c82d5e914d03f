using Memento.Core.Replay;
using Memento.Core.Agents.Simulator;
using Memento.Core.Data;
using Memento.Core.Judging;
using Memento.Core.Memory.Policies;
using Memento.Core.Plugins;
using Memento.Core.Text;
using Memento.Learning;
using Memento.Llm;
using Memento.Tools.Builtin;
using Memento.Onnx;

namespace Memento.Cli.Running;

/// <summary>The registry: every kind a config can name, one line each, in the order <c>memento config --keys</c>
/// lists them and reports colour them. Each kind declares its name, doc line, settings and factory beside its class.</summary>
internal static class Plugins
{
    public static readonly PluginCatalog All = new(
        policies:
        [
            NoMemoryPolicy.Plugin,
            RandomPolicy.Plugin,
            SimilarityPolicy.Plugin,
            QNetPolicy.Plugin,
            KernelEpisodicPolicy.Plugin,
        ],
        agents:
        [
            SimulatedAgent.Plugin,
            LlmPlugins.Agent,
            ReplayAgent.Plugin,
        ],
        judges:
        [
            DeepResearcherJudge.Plugin,
            GaiaJudge.Plugin,
            LlmPlugins.PmJudge,
            LlmPlugins.SimpleQaJudge,
            LlmPlugins.HleJudge,
        ],
        encoders:
        [
            HashedTfIdfEncoder.Plugin,
            OnnxPlugin.Encoder,
            LlmPlugins.Encoder,
        ],
        datasets: DatasetReaders.All,
        tools: BuiltinTools.Kinds);
}
