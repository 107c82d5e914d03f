namespace Memento.Core.Results;

/// <summary>
/// The files of one run folder (<c>results/&lt;name&gt;/</c>, or one grid point of a sweep): every name a run writes or
/// reads is here and nowhere else. See the README's "What a run writes" for what each file holds.
/// </summary>
public sealed record RunFolder(string Dir)
{
    public const string ConfigFile = "config.yaml";
    public const string EpisodesFile = "episodes.csv";
    public const string SummaryFile = "summary.csv";
    public const string TrajectoriesFile = "trajectories.jsonl";
    public const string PassAtKFile = "passk.csv";
    public const string CaseBankFile = "casebank.jsonl";
    public const string QNetFile = "qnet.pt";
    public const string TrainingCsvFile = "qnet_training.csv";
    public const string TrainingChartFile = "qnet_training.png";
    public const string TableFile = "table.md";
    public const string CurveFile = "learning_curve.png";
    public const string SubmissionFile = "submission.jsonl";
    public const string LockFile = "run.lock";
    public const string TablesFolder = "tables";
    public const string FiguresFolder = "figures";

    /// <summary>The resolved config the run used (for a sweep folder: the sweep's config, grid included).</summary>
    public string Config => Of(ConfigFile);
    public string Episodes => Of(EpisodesFile);
    /// <summary>Written last: its presence marks a finished run.</summary>
    public string Summary => Of(SummaryFile);
    public string Trajectories => Of(TrajectoriesFile);
    public string PassAtK => Of(PassAtKFile);
    public string CaseBank => Of(CaseBankFile);
    public string QNet => Of(QNetFile);
    public string TrainingCsv => Of(TrainingCsvFile);
    public string TrainingChart => Of(TrainingChartFile);
    public string Table => Of(TableFile);
    public string Curve => Of(CurveFile);
    public string Submission => Of(SubmissionFile);
    public string Lock => Of(LockFile);
    /// <summary>Where <c>memento table</c> and <c>memento plot</c> put their files by default.</summary>
    public string Tables => Of(TablesFolder);
    public string Figures => Of(FiguresFolder);

    public bool IsFinished => File.Exists(Summary);

    private string Of(string name) => Path.Combine(Dir, name);
}
