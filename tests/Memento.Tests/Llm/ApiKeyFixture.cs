using NUnit.Framework;

namespace Memento.Tests.Llm;

/// <summary>Sets a test API key variable before each test and removes it after; with a fresh temp folder per test.
/// Fixtures deriving from it are <c>[NonParallelizable]</c>: the variable is process-wide.</summary>
public abstract class ApiKeyFixture(string variable, string secret)
{
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void SetKey()
    {
        Dir = TestPaths.TempDir();
        Environment.SetEnvironmentVariable(variable, secret);
    }

    [TearDown]
    public void ClearKey() => Environment.SetEnvironmentVariable(variable, null);
}
