namespace Memento.Core.Config;

/// <summary>What one model costs, in USD per million prompt (input) and completion (output) tokens.</summary>
public sealed record ModelPrice(double InputPerMTok, double OutputPerMTok)
{
    /// <summary><c>prices: {MODEL: {input_per_mtok, output_per_mtok}}</c>, keyed by the model names the config uses.</summary>
    internal static Dictionary<string, ModelPrice> BindAll(ConfigNode prices)
    {
        prices.Document("MODEL.input_per_mtok", "a number in [0, 1000000] (required)", "USD per million prompt tokens of model MODEL");
        prices.Document("MODEL.output_per_mtok", "a number in [0, 1000000] (required)", "USD per million completion tokens of model MODEL");
        var bound = new Dictionary<string, ModelPrice>();
        foreach (var model in prices.Keys)
        {
            var p = prices.Section(model);
            bound[model] = new ModelPrice(
                p.RequiredDouble("input_per_mtok", 0, 1e6, "USD per million prompt tokens"),
                p.RequiredDouble("output_per_mtok", 0, 1e6, "USD per million completion tokens"));
            p.EnsureAllKeysKnown();
        }
        prices.EnsureAllKeysKnown();
        return bound;
    }
}
