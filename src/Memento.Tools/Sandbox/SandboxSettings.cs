namespace Memento.Tools.Sandbox;

/// <summary>
/// Limits and backend of <c>run_python</c> / <c>run_shell</c>. Every limit applies to the whole process tree of one call.
/// </summary>
internal sealed record SandboxSettings
{
    /// <summary>"process" (rlimits + namespaces on this machine) or "container" (docker/podman; only with a working engine).</summary>
    public string Backend { get; init; } = "process";

    /// <summary>Wall-clock seconds before the whole process group is killed.</summary>
    public int TimeoutSeconds { get; init; } = 60;

    /// <summary>CPU seconds (RLIMIT_CPU) of each process.</summary>
    public int CpuSeconds { get; init; } = 30;

    /// <summary>The hard CPU limit: one second above the soft one, so SIGXCPU (the CPU limit) comes before SIGKILL.</summary>
    public int CpuHardSeconds => CpuSeconds + 1;

    /// <summary>Address space (RLIMIT_AS) of each process, in bytes.</summary>
    public long MemoryBytes { get; init; } = 1L << 30;

    /// <summary>Largest file a process may write (RLIMIT_FSIZE), in bytes.</summary>
    public long FileSizeBytes { get; init; } = 64L << 20;

    /// <summary>Open file descriptors per process (RLIMIT_NOFILE).</summary>
    public int OpenFiles { get; init; } = 256;

    /// <summary>
    /// Processes of the sandbox user (RLIMIT_NPROC): the kernel counts every process of that uid, so sandboxes running at
    /// once share it. Binds only when the code does not run as root.
    /// </summary>
    public int Processes { get; init; } = 64;

    /// <summary>Bytes kept of stdout and of stderr each; past this the output is cut and the process group killed.</summary>
    public int OutputBytes { get; init; } = 20_000;

    /// <summary>Longest code or command accepted (it travels as one argument).</summary>
    public int MaxCodeChars { get; init; } = 100_000;

    /// <summary>Python interpreter, looked up on <see cref="Path"/>.</summary>
    public string Python { get; init; } = "python3";

    /// <summary>Shell for run_shell, looked up on <see cref="Path"/>.</summary>
    public string Shell { get; init; } = "bash";

    /// <summary>PATH of the child: the only search path it gets.</summary>
    public string Path { get; init; } = "/usr/local/bin:/usr/bin:/bin";

    /// <summary>LANG of the child.</summary>
    public string Lang { get; init; } = "C.UTF-8";

    /// <summary>When the harness runs as root, the code runs as this uid/gid instead (RLIMIT_NPROC does not bind root); null keeps root.</summary>
    public int? RunAsUid { get; init; } = 65534;

    /// <summary>
    /// When the code runs under a dropped uid: true gives each workspace a uid of its own (<see cref="SandboxWorkspace.UidOf"/>)
    /// and makes the workspace private to it (mode 0700), so code in one workspace cannot read or write another's;
    /// false runs every workspace as <see cref="RunAsUid"/>.
    /// </summary>
    public bool UidPerWorkspace { get; init; } = true;

    /// <summary>Size of each private tmpfs (/tmp, /var/tmp, /dev/shm, /run/lock) the code sees in its mount namespace, in bytes.</summary>
    public long PrivateTmpBytes { get; init; } = 64L << 20;

    /// <summary>
    /// Folders the code must not see, each covered by an empty tmpfs in its mount namespace (<see cref="MountView"/>);
    /// relative ones are taken from the harness's working folder. The default, the working folder itself, holds
    /// <c>datasets/</c> (a benchmark's gold answers), <c>results/</c> and the response cache in the project's layout.
    /// </summary>
    public IReadOnlyList<string> HiddenFolders { get; init; } = ["."];

    /// <summary>Image of the container backend.</summary>
    public string ContainerImage { get; init; } = "python:3.12-slim";
}
