using Memento.Core.Config;
using Memento.Core.Plugins;
using Memento.Llm;
using Memento.Tools.Arithmetic;
using Memento.Tools.Files;
using Memento.Tools.Sandbox;

namespace Memento.Tools.Builtin;

/// <summary>The registrations of <c>read_file</c>, <c>run_python</c>, <c>run_shell</c> and <c>calculate</c>. The first
/// three touch files, so they are made per episode with its attachment folder and workspace.</summary>
internal static class FilesAndCodeKinds
{
    public static readonly BuiltinToolKind ReadFile = new("read_file",
        "reads the task's attachments and workspace files (PDF, Office, spreadsheets, archives, text; images and audio through a configured model); paths confined to them", true,
        PluginSettings.In("read_file", BindReadFile), (s, services) => ReadFileFactory((ReadFileSettings)s, services))
    {
        Endpoints = MediaEndpoints,
    };

    public static readonly BuiltinToolKind RunPython = new("run_python",
        "runs Python in the episode's workspace: clean environment, rlimits, wall-clock kill, no network where the kernel allows", true,
        PluginSettings.In("run_python", BindSandbox), (s, _) => SandboxFactory((SandboxSettings)s, python: true));

    public static readonly BuiltinToolKind RunShell = new("run_shell",
        "runs a shell command in the episode's workspace, under the same sandbox as run_python", true,
        PluginSettings.In("run_shell", BindSandbox), (s, _) => SandboxFactory((SandboxSettings)s, python: false));

    public static readonly BuiltinToolKind Calculate = new("calculate", "evaluates an arithmetic expression (NCalc, math functions only)", false,
        PluginSettings.In("calculate", _ => new object()), (_, _) =>
        {
            var tool = new CalculateTool();
            return _ => tool;
        });

    /// <summary>One describer (and its model clients) per run, shared by every episode's read_file.</summary>
    private static Func<ToolScope?, ITool> ReadFileFactory(ReadFileSettings settings, ToolServices services)
    {
        var media = new MediaDescriber(
            services.ChatClient(settings.Vision.Endpoint(services.Agent)), services.ChatClient(settings.Audio.Endpoint(services.Agent)), settings.MediaPrompt);
        return scope => new ReadFileTool(scope ?? throw new InvalidOperationException("read_file needs the episode's scope"), settings, media);
    }

    /// <summary>The vision and audio models read_file calls, with the agent's base_url and key filling what is unset
    /// (the executor's endpoint, as in a run).</summary>
    private static IReadOnlyList<PluginEndpoint> MediaEndpoints(ExperimentConfig config)
    {
        var settings = (ReadFileSettings)(config.Tools?.BuiltinSettings ?? KindSettings.None).Find(ReadFile.Settings);
        var agent = config.Agent.Kind == LlmPlugins.Agent.Name ? LlmFactory.AgentEndpoints(config)[^1].Endpoint : null;
        return new (string Role, LlmEndpoint? Endpoint)[] { ("read_file vision", settings.Vision.Endpoint(agent)), ("read_file audio", settings.Audio.Endpoint(agent)) }
            .Where(e => e.Endpoint is not null).Select(e => new PluginEndpoint(e.Role, e.Endpoint!)).ToList();
    }

    private static Func<ToolScope?, ITool> SandboxFactory(SandboxSettings settings, bool python) =>
        scope =>
        {
            var within = scope ?? throw new InvalidOperationException("run_python and run_shell need the episode's scope");
            return python ? new RunPythonTool(within, settings) : new RunShellTool(within, settings);
        };

    private static ReadFileSettings BindReadFile(ConfigNode s)
    {
        var d = new ReadFileSettings();
        return d with
        {
            MaxChars = s.Int("max_chars", d.MaxChars, "characters of a file's text given to the model; the rest is cut with a note", 256, 10_000_000),
            MaxFileBytes = s.Int("max_file_mb", (int)(d.MaxFileBytes >> 20), "largest file opened, in MiB", 1, 4096) * (1L << 20),
            TimeoutS = s.Double("timeout_s", d.TimeoutS, "wall-clock seconds to extract one file's text; past it the call answers that it stopped", 0.1, 3600),
            MaxZipEntries = s.Int("max_zip_entries", d.MaxZipEntries, "archive entries listed or searched at most (zip bombs)", 1, 1_000_000),
            Vision = MediaModelSettings.Bind(s.Section("vision"), "images", "an image_url part (data URI)"),
            Audio = MediaModelSettings.Bind(s.Section("audio"), "audio", "an input_audio part (WAV, MP3)"),
        };
    }

    private static SandboxSettings BindSandbox(ConfigNode s)
    {
        var d = new SandboxSettings();
        return d with
        {
            Backend = s.Choice("backend", d.Backend, "process: rlimits and namespaces on this machine; container: docker/podman when an engine runs", "process", "container"),
            TimeoutSeconds = s.Int("timeout_s", d.TimeoutSeconds, "wall-clock seconds before the call's whole process group is killed", 1, 86_400),
            CpuSeconds = s.Int("cpu_s", d.CpuSeconds, "CPU seconds per process (RLIMIT_CPU)", 1, 86_400),
            MemoryBytes = s.Int("memory_mb", (int)(d.MemoryBytes >> 20), "address space per process in MiB (RLIMIT_AS)", 16, 1 << 20) * (1L << 20),
            Processes = s.Int("processes", d.Processes, "processes of the sandbox user at once (RLIMIT_NPROC; binds when not run as root)", 1, 100_000),
            OutputBytes = s.Int("output_bytes", d.OutputBytes, "bytes kept of stdout and of stderr; past this the call is cut and killed", 256, 100_000_000),
            UidPerWorkspace = s.Choice("identity", d.UidPerWorkspace ? "per-workspace" : "shared",
                "per-workspace: when run as root, the code of each workspace runs as a uid of its own and the workspace is private to it; shared: every workspace runs as uid 65534",
                "per-workspace", "shared") == "per-workspace",
            HiddenFolders = s.StringList("hide", d.HiddenFolders,
                "folders the code must not see (an empty tmpfs over each in its mount namespace; relative to the working folder): by default the working folder, with datasets/ (gold answers) and results/"),
        };
    }
}
