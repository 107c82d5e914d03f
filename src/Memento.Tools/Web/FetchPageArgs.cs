using System.ComponentModel;

namespace Memento.Tools.Web;

/// <summary>Arguments of <c>fetch_page</c>.</summary>
internal sealed record FetchPageArgs(
    [property: Description("The http or https URL to read")] string Url,
    [property: Description("Optional: what you are looking for; a long page is then cut to the passages most relevant to it")] string? Query = null);
