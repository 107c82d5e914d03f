namespace Memento.Core.Data;

/// <summary>One downloadable dataset file: where it lives upstream, its SHA-256, and its path under a mirror (and
/// under <c>--to</c>), which keeps the upstream folder layout of <c>../shared/datasets</c>.</summary>
public sealed record DatasetEntry(string Name, string Url, string Sha256, string RelativePath, int Rows, string Kind, string Licence, string Description);

/// <summary>The datasets <c>memento datasets fetch</c> knows, pinned to upstream commits and hashes.</summary>
public static class DatasetRegistry
{
    public const string DeepResearcherCommit = "c93be8fd8637c1ac4a438ce730d118afd308f832";
    public const string MementoCommit = "42fbbcac63dd58ed6856c0761357345a58e4f032";

    private const string DeepResearcherRaw = "https://raw.githubusercontent.com/GAIR-NLP/DeepResearcher/" + DeepResearcherCommit + "/";
    private const string MementoRaw = "https://raw.githubusercontent.com/Agent-on-the-Fly/Memento/" + MementoCommit + "/";

    public static IReadOnlyList<DatasetEntry> Entries { get; } =
    [
        new("deepresearcher-test", DeepResearcherRaw + "data/test.parquet",
            "30c21c7da1872af08d7db1aacb5f45a57d0a7f038dd7f7baed51231bf6c5e10e", "deepresearcher/test.parquet", 3197, "deepresearcher",
            "Apache-2.0 (questions under their sources' licences)", "DeepResearcher test set: 512 each of nq, tq, hotpotqa, 2wiki, musique, popqa; 125 Bamboogle"),
        new("deepresearcher-dev", DeepResearcherRaw + "data/dev.parquet",
            "43321626d8f20bb28c87db21615e76cca6df813d6047ab4d235de683c3726112", "deepresearcher/dev.parquet", 875, "deepresearcher",
            "Apache-2.0 (questions under their sources' licences)", "DeepResearcher dev set: 125 per source"),
        new("memento-deepresearcher", MementoRaw + "data/deepresearcher.jsonl",
            "5fc51dce7e3e8b62cd3043485626aa07f282c64b541035c707a261993f013cf6", "memento/deepresearcher.jsonl", 3197, "deepresearcher",
            "MIT", "Memento's JSONL copy of the DeepResearcher test set"),
        new("memento-memory", MementoRaw + "memory/memory.jsonl",
            "03930eb6c35e4e05c28deea810ccc0c844aeda721794dba4c007581faeceef91", "memento/memory.jsonl", 1278, "case-bank",
            "MIT", "Memento's case bank (897 positive, 381 negative)"),
        new("memento-training-data", MementoRaw + "memory/training_data.jsonl",
            "cf7db294c28badc9737af724f170f42d2ad87d8d667c4a5c916802ca99253787", "memento/training_data.jsonl", 7000, "retriever-pairs",
            "MIT", "Memento's retriever training pairs (874 queries x 8 cases)"),
        new("memento-dummy-memo", MementoRaw + "memory/dummy_memo.jsonl",
            "8bda6cb101ef83c86e56fe75e2533c979a5e2cb8c245f113e749c32a36a59f99", "memento/dummy_memo.jsonl", 8, "case-bank",
            "MIT", "Memento's non-parametric memory example"),
    ];

    /// <summary>Names that are known but cannot be fetched anonymously.</summary>
    public const string GaiaNote =
        "GAIA is gated on Hugging Face (gaia-benchmark/GAIA): accept its terms on the dataset page while signed in, create an " +
        "access token, set HF_TOKEN, and download 2023/validation/metadata.jsonl (and 2023/test) with its attachments " +
        "yourself (e.g. huggingface-cli download gaia-benchmark/GAIA --repo-type dataset); then use dataset.kind: gaia " +
        "with dataset.path pointing at metadata.jsonl. memento does not download it, so it never handles your token.";

    public static DatasetEntry Find(string name) =>
        Entries.FirstOrDefault(e => e.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw (name.StartsWith("gaia", StringComparison.OrdinalIgnoreCase)
            ? new MementoException("datasets: " + GaiaNote)
            : new MementoException($"datasets: unknown dataset '{name}'; known: {string.Join(", ", Entries.Select(e => e.Name))} (GAIA is gated: see 'memento datasets list')"));
}
