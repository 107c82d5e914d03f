namespace Memento.Core.Results;

/// <summary>
/// The files of one run folder (<c>results/&lt;name&gt;/</c>, or one grid point of a sweep): every name a run writes or
/// reads is here and nowhere else. See docs/reference/run-files.md for what each file holds.
/// </summary>
public sealed record RunFolder(string Dir)
{
    public const string ConfigFile = "config.yaml";
    public const string EpisodesFile = "episodes.csv";
    public const string SummaryFile = "summary.csv";
    public const string TrajectoriesFile = "trajectories.jsonl";
    public const string PassAtKFile = "passk.csv";
    public const string PassByIterationsFile = "passk_iterations.csv";
    public const string CaseBankFile = "casebank.jsonl";
    public const string QNetFile = "qnet.pt";
    public const string TrainingCsvFile = "qnet_training.csv";
    public const string TrainingChartFile = "qnet_training.png";
    public const string KernelFile = "kernel.pt";
    public const string KernelTrainingCsvFile = "kernel_training.csv";
    public const string KernelTrainingChartFile = "kernel_training.png";
    public const string TableFile = "table.md";
    public const string CurveFile = "learning_curve.png";
    public const string SubmissionFile = "submission.jsonl";
    public const string ReportFile = "report.html";
    public const string InspectLogFile = "inspect.eval";
    public const string LockFile = "run.lock";
    public const string ProvenanceFile = "run.json";
    public const string TablesFolder = "tables";
    public const string FiguresFolder = "figures";

    /// <summary>The resolved config the run used (for a sweep folder: the sweep's config, grid included).</summary>
    public string Config => Of(ConfigFile);
    public string Episodes => Of(EpisodesFile);
    /// <summary>Written last: its presence marks a finished run.</summary>
    public string Summary => Of(SummaryFile);
    public string Trajectories => Of(TrajectoriesFile);
    public string PassAtK => Of(PassAtKFile);
    public string PassByIterations => Of(PassByIterationsFile);
    public string CaseBank => Of(CaseBankFile);
    public string QNet => Of(QNetFile);
    public string TrainingCsv => Of(TrainingCsvFile);
    public string TrainingChart => Of(TrainingChartFile);
    public string Kernel => Of(KernelFile);
    public string KernelTrainingCsv => Of(KernelTrainingCsvFile);
    public string KernelTrainingChart => Of(KernelTrainingChartFile);
    public string Table => Of(TableFile);
    public string Curve => Of(CurveFile);
    public string Submission => Of(SubmissionFile);
    /// <summary>The HTML report <c>memento report</c> (and, at their end, run, sweep and aggregate) writes.</summary>
    public string Report => Of(ReportFile);
    /// <summary>The run as an inspect evaluation log, written at its end when <c>inspect_log: true</c>.</summary>
    public string InspectLog => Of(InspectLogFile);
    public string Lock => Of(LockFile);
    /// <summary>Who ran it, with what, when and how it ended (<see cref="Results.Provenance"/>).</summary>
    public string Provenance => Of(ProvenanceFile);
    /// <summary>Where <c>memento table</c> and <c>memento plot</c> put their files by default.</summary>
    public string Tables => Of(TablesFolder);
    public string Figures => Of(FiguresFolder);

    public bool IsFinished => File.Exists(Summary);

    /// <summary>Every file and folder name memento writes into a run folder (each <c>const</c> above): all that
    /// <c>--overwrite</c> may remove, so a user's own files beside them are kept.</summary>
    public static IReadOnlyList<string> WrittenNames { get; } = typeof(RunFolder)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    /// <summary>The training history a learned policy left (the Q-network's or the kernel policy's) and the name of
    /// its chart, or null when the run's policy does not learn.</summary>
    public (string Csv, string Chart)? TrainingHistory =>
        File.Exists(TrainingCsv) ? (TrainingCsv, TrainingChart)
        : File.Exists(KernelTrainingCsv) ? (KernelTrainingCsv, KernelTrainingChart)
        : null;

    private string Of(string name) => Path.Combine(Dir, name);
}
