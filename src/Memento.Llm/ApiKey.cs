using Memento.Core;

namespace Memento.Llm;

/// <summary>The API key, read only from the environment variable the config names; never written anywhere. Reading
/// it registers it with <see cref="Secrets"/>, which scrubs it from every error message and output file.</summary>
public sealed class ApiKey
{
    private readonly string _value;
    private readonly bool _needed;

    private ApiKey(string? variable, string value)
    {
        Variable = variable ?? "no key";
        _needed = variable is not null;
        _value = value;
        if (value != NoKey) Secrets.Register(value, ToString());
    }

    public string Variable { get; }

    /// <summary>The key, for a client credential or request header only; never log it.</summary>
    public string Secret => _value;

    /// <summary>Reads the key from <paramref name="variable"/>. Servers that need no key (null: vLLM, Ollama, a test
    /// server) get a placeholder, since the OpenAI client requires one.</summary>
    public static ApiKey FromEnvironment(string? variable) =>
        new(variable, variable is not null && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : NoKey);

    private const string NoKey = "no-key";

    /// <summary>True when the endpoint needs a key and its variable is unset or empty.</summary>
    public bool IsMissing => _needed && _value == NoKey;

    public override string ToString() => $"<{Variable}>";
}
