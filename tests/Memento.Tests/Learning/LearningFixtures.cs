using Memento.Learning;
using Memento.Core.Memory;
using Memento.Core.Tasks;
using Memento.Core.Text;

namespace Memento.Tests.Learning;

/// <summary>Small configs and a keyword toy world: a case helps on a task iff both mention the same keyword, a
/// relation a learned Q can pick up from hashed tokens and plain similarity cannot see past the filler words.</summary>
internal static class LearningFixtures
{
    public static readonly string[] Keywords =
        ["volcano", "saxophone", "glacier", "pharaoh", "tornado", "violin", "cactus", "meteor", "pyramid", "dolphin", "lantern", "falcon"];

    private static readonly string[] Filler =
        ["city", "river", "year", "author", "team", "film", "country", "company", "song", "school", "mountain", "island", "game", "bridge"];

    public static QNetConfig QNet(int warmup = 8, double temperature = 0, double epsilon = 0, int batchSize = 16,
        int bufferSize = 2000, int updates = 1, string? init = null, int shortlist = 64) =>
        new(Buckets: 4096, EmbeddingDim: 16, Hidden: 32, LearningRate: 1e-3, EmbeddingLearningRate: 0.05, BatchSize: batchSize,
            BufferSize: bufferSize, Warmup: warmup, UpdatesPerEpisode: updates, Temperature: temperature, Epsilon: epsilon,
            PositiveWeight: true, Shortlist: shortlist, Init: init);

    public static KernelConfig Kernel(double gamma = 0, int storeSize = 1000, int batchSize = 16, int updates = 1, double alpha = 1.0) =>
        new(ProjectionDim: 8, LearningRate: 1e-2, Beta: 0.1, Gamma: gamma, Alpha: alpha, StoreSize: storeSize, BatchSize: batchSize,
            UpdatesPerEpisode: updates, Bandwidth: 1.0, Shortlist: 64, Temperature: 0);

    public static string Sentence(Random rng, string keyword)
    {
        var words = Enumerable.Range(0, 4).Select(_ => Filler[rng.Next(Filler.Length)]).ToList();
        words.Insert(rng.Next(words.Count + 1), keyword);
        return "which " + string.Join(" ", words) + "?";
    }

    public static string KeywordOf(string text) => Keywords.First(text.Contains);

    /// <summary>A bank with <paramref name="perKeyword"/> cases per keyword, interleaved by keyword.</summary>
    public static CaseBank Bank(int seed, int perKeyword = 3)
    {
        var rng = new Random(seed);
        var bank = new CaseBank();
        for (var i = 0; i < perKeyword; i++)
            foreach (var keyword in Keywords)
                bank.Write(Sentence(rng, keyword), $"{{\"plan\":[{{\"id\":1,\"description\":\"look up the {keyword}\"}}]}}", rng.Next(2));
        return bank;
    }

    public static QaTask Task(Random rng, int id) =>
        new($"t{id}", Sentence(rng, Keywords[rng.Next(Keywords.Length)]), ["x"], "toy");

    public static ITextEncoder Encoder(CaseBank bank) => new HashedTfIdfEncoder(512, bank.Cases.Select(c => c.Question));

    /// <summary>Reward of retrieving <paramref name="c"/> for <paramref name="task"/> in the toy world.</summary>
    public static int Helps(QaTask task, Case c) => KeywordOf(task.Question) == KeywordOf(c.Question) ? 1 : 0;
}
