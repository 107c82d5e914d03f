namespace Memento.Core.Data;

/// <summary>
/// A fictional world of people, cities, countries, films, companies and books with relations between them,
/// generated from a seed. Names are made of syllables, so no real-world knowledge helps and gold answers are
/// computed from the world itself.
/// </summary>
internal sealed class SyntheticWorld
{
    public sealed record Country(string Name, string Capital);
    public sealed record City(string Name, string Country);
    public sealed record Person(string Name, string BirthCity, string Spouse, int BirthYear);
    public sealed record Film(string Title, string Director, string City, int Year);
    public sealed record Company(string Name, string Founder, string City);
    public sealed record Book(string Title, string Author, int Year);

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ra", "ven", "tor", "sel", "qua", "dri", "mon", "pel", "zu", "ar", "fen", "gal", "hu",
        "is", "jor", "nel", "ob", "pra", "rin", "sta", "tiv", "ul", "vor", "wen", "xa", "yel", "zor", "bel", "cas",
    ];

    public SyntheticWorld(int seed, int people = 80, int films = 60, int companies = 50, int books = 50)
    {
        var rng = new Random(seed);
        var used = new HashSet<string>();
        string Name(int parts) { string n; do n = Capitalize(string.Concat(Enumerable.Range(0, parts).Select(_ => Syllables[rng.Next(Syllables.Length)]))); while (!used.Add(n)); return n; }

        var countryNames = Enumerable.Range(0, 12).Select(_ => Name(3)).ToArray();
        Cities = Enumerable.Range(0, 48).Select(i => new City(Name(2) + (i % 3 == 0 ? "port" : i % 3 == 1 ? "ville" : "burg"), countryNames[i % countryNames.Length])).ToArray();
        Countries = countryNames.Select(c => new Country(c, Cities.First(x => x.Country == c).Name)).ToArray();
        var names = Enumerable.Range(0, people).Select(_ => Name(2) + " " + Name(3)).ToArray();
        People = names.Select((n, i) => new Person(n, Cities[rng.Next(Cities.Count)].Name, names[(i + 1 + rng.Next(people - 1)) % people], 1900 + rng.Next(100))).ToArray();
        Films = Enumerable.Range(0, films).Select(_ => new Film("The " + Name(3), names[rng.Next(people)], Cities[rng.Next(Cities.Count)].Name, 1950 + rng.Next(70))).ToArray();
        Companies = Enumerable.Range(0, companies).Select(_ => new Company(Name(2) + " " + (rng.Next(2) == 0 ? "Industries" : "Labs"), names[rng.Next(people)], Cities[rng.Next(Cities.Count)].Name)).ToArray();
        Books = Enumerable.Range(0, books).Select(_ => new Book(Name(2) + " of " + Name(2), names[rng.Next(people)], 1900 + rng.Next(120))).ToArray();
    }

    public IReadOnlyList<Country> Countries { get; }
    public IReadOnlyList<City> Cities { get; }
    public IReadOnlyList<Person> People { get; }
    public IReadOnlyList<Film> Films { get; }
    public IReadOnlyList<Company> Companies { get; }
    public IReadOnlyList<Book> Books { get; }

    public Person PersonNamed(string name) => People.First(p => p.Name == name);
    public string CountryOf(string city) => Cities.First(c => c.Name == city).Country;
    public string CapitalOf(string country) => Countries.First(c => c.Name == country).Capital;

    private static string Capitalize(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
