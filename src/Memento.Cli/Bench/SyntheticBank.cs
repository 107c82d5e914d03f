using Memento.Core.Memory;

namespace Memento.Cli.Bench;

/// <summary>Banks of N distinct synthetic cases for retrieval timing: question templates over random made-up names,
/// half successes, with a short Memento-style plan.</summary>
internal static class SyntheticBank
{
    private static readonly string[] Templates =
    [
        "Where was {0} born?", "Who directed the film {0}?", "In what year was {0} published?", "Who founded {0}?",
        "What is the capital of the country where {0} was born?", "Where is {0} based?", "Who is the spouse of the author of {0}?",
    ];

    private static readonly string[] Syllables = ["ka", "lo", "mi", "ra", "ven", "tor", "sel", "qua", "dri", "mon", "pel", "zu", "ar", "fen", "gal", "hu"];

    public static string Question(Random rng) =>
        string.Format(Templates[rng.Next(Templates.Length)], Name(rng) + " " + Name(rng));

    public static CaseBank Build(int n, int seed)
    {
        var rng = new Random(seed);
        var bank = new CaseBank();
        for (var i = 0; i < n; i++)
            bank.Write(Question(rng), "{\"plan\":[{\"id\":1,\"description\":\"Search for the entity\"}]}", rng.Next(2));
        return bank;
    }

    private static string Name(Random rng) =>
        string.Concat(Enumerable.Range(0, 3).Select(_ => Syllables[rng.Next(Syllables.Length)]));
}
