using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Memento.Tools.Web;

/// <summary>Arguments of <c>web_search</c>.</summary>
internal sealed record WebSearchArgs(
    [property: Description("What to search the web for")] string Query,
    [property: JsonPropertyName("max_results"), Description("How many results to return (1-20)")] int MaxResults = 5);
