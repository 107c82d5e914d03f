namespace Memento.Core.Results;

/// <summary>
/// The files of a sweep folder (or an aggregate of shard folders): the sweep's config, <c>points.csv</c> listing one
/// <see cref="RunFolder"/> subfolder per grid point, and the combined summary, table and learning curve — which share
/// their names with a run's, so <see cref="Root"/> gives their paths.
/// </summary>
public sealed record SweepFolder(string Dir)
{
    public const string PointsFile = "points.csv";

    /// <summary>A shard's folder records its shard here as <c>I/N</c> (<c>memento sweep --shard I/N</c>), so a resume
    /// and <c>memento aggregate</c> know which grid points it holds; an unsharded sweep has none.</summary>
    public const string ShardFile = "shard.txt";

    public string Points => Path.Combine(Dir, PointsFile);

    public string Shard => Path.Combine(Dir, ShardFile);

    /// <summary>The sweep root read as a run folder: <c>config.yaml</c>, <c>summary.csv</c>, <c>table.md</c>, <c>learning_curve.png</c>.</summary>
    public RunFolder Root => new(Dir);

    public RunFolder Point(string folderName) => new(Path.Combine(Dir, folderName));

    /// <summary>A folder memento wrote (a run or a sweep, finished or not), which a new run must not silently reuse.</summary>
    public bool HoldsResults => File.Exists(Root.Config) || File.Exists(Points) || File.Exists(Root.Provenance);
}
