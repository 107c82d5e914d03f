namespace Memento.Core.Data;

/// <summary>
/// Question templates over <see cref="SyntheticWorld"/>. Each template is one skill: the plan that solves it.
/// Look-alike pairs share most of their wording but need different plans (e.g. "Where was the director of X born?"
/// vs "Where was X filmed?"), so surface similarity only partly reveals the skill.
/// </summary>
internal static class SyntheticTemplates
{
    public sealed record Template(string Skill, int Hops, string[] PlanSteps, Func<SyntheticWorld, Random, (string Question, string Answer, string Entity)> Make);

    public static readonly IReadOnlyList<Template> All =
    [
        new("film-director", 1, ["Search for the film", "Read who directed it", "Answer with the director's name"],
            (w, r) => { var f = Pick(w.Films, r); return ($"Who directed the film {f.Title}?", f.Director, f.Title); }),
        new("film-director-birthplace", 2, ["Search for the film", "Find its director", "Look up where the director was born", "Answer with the city"],
            (w, r) => { var f = Pick(w.Films, r); return ($"Where was the director of {f.Title} born?", w.PersonNamed(f.Director).BirthCity, f.Title); }),
        new("film-location", 1, ["Search for the film", "Read the production notes for filming locations", "Answer with the city"],
            (w, r) => { var f = Pick(w.Films, r); return ($"Where was {f.Title} filmed?", f.City, f.Title); }),
        new("film-year", 1, ["Search for the film", "Read its release date", "Answer with the year"],
            (w, r) => { var f = Pick(w.Films, r); return ($"In what year was {f.Title} released?", f.Year.ToString(), f.Title); }),
        new("company-founder", 1, ["Search for the company", "Read its history section for the founder", "Answer with the founder's name"],
            (w, r) => { var c = Pick(w.Companies, r); return ($"Who founded {c.Name}?", c.Founder, c.Name); }),
        new("company-founder-birthplace", 2, ["Search for the company", "Find its founder", "Look up where the founder was born", "Answer with the city"],
            (w, r) => { var c = Pick(w.Companies, r); return ($"Where was the founder of {c.Name} born?", w.PersonNamed(c.Founder).BirthCity, c.Name); }),
        new("company-hq", 1, ["Search for the company", "Read its headquarters address", "Answer with the city"],
            (w, r) => { var c = Pick(w.Companies, r); return ($"Where is {c.Name} based?", c.City, c.Name); }),
        new("person-birthplace", 1, ["Search for the person", "Read the biography for place of birth", "Answer with the city"],
            (w, r) => { var p = Pick(w.People, r); return ($"Where was {p.Name} born?", p.BirthCity, p.Name); }),
        new("person-birth-country", 2, ["Search for the person", "Find the city of birth", "Look up which country that city is in", "Answer with the country"],
            (w, r) => { var p = Pick(w.People, r); return ($"In which country was {p.Name} born?", w.CountryOf(p.BirthCity), p.Name); }),
        new("person-birth-capital", 3, ["Search for the person", "Find the city of birth", "Find that city's country", "Look up the country's capital", "Answer with the capital"],
            (w, r) => { var p = Pick(w.People, r); return ($"What is the capital of the country where {p.Name} was born?", w.CapitalOf(w.CountryOf(p.BirthCity)), p.Name); }),
        new("spouse-birthplace", 2, ["Search for the person", "Find the spouse", "Look up where the spouse was born", "Answer with the city"],
            (w, r) => { var p = Pick(w.People, r); return ($"Where was the spouse of {p.Name} born?", w.PersonNamed(p.Spouse).BirthCity, p.Name); }),
        new("book-author", 1, ["Search for the book", "Read the author from the catalogue", "Answer with the author's name"],
            (w, r) => { var b = Pick(w.Books, r); return ($"Who wrote {b.Title}?", b.Author, b.Title); }),
        new("book-year", 1, ["Search for the book", "Read the first edition's date", "Answer with the year"],
            (w, r) => { var b = Pick(w.Books, r); return ($"In what year was {b.Title} published?", b.Year.ToString(), b.Title); }),
        new("book-author-spouse", 2, ["Search for the book", "Find its author", "Look up the author's spouse", "Answer with the spouse's name"],
            (w, r) => { var b = Pick(w.Books, r); return ($"Who is the spouse of the author of {b.Title}?", w.PersonNamed(b.Author).Spouse, b.Title); }),
        new("book-author-birthyear", 2, ["Search for the book", "Find its author", "Look up the author's year of birth", "Answer with the year"],
            (w, r) => { var b = Pick(w.Books, r); return ($"In what year was the author of {b.Title} born?", w.PersonNamed(b.Author).BirthYear.ToString(), b.Title); }),
    ];

    private static T Pick<T>(IReadOnlyList<T> items, Random rng) => items[rng.Next(items.Count)];
}
